import Foundation
import Markdown

/// A build whose only change is the text of some bodies, made from the graph alone.
///
/// When every changed file is a content document that was there before, its front matter is the
/// one the graph recorded, it has no translation, its text still says something and nothing in it
/// is left out of the page (raw HTML, unsafe links) or was before, then the site, its pages and their order are
/// what they were: only the outputs that read those bodies change, and only in the stretches the
/// graph keeps for them (`Splice`). Those are made again from the new text and put in the files
/// in place; nothing else is read, decoded or resolved. Any other change, an output that is not what
/// the graph says, or a new link that leads nowhere goes the whole way (`Build.run`), which says
/// what is wrong.
extension Build {
    struct SplicedBody {
        let path: String
        let display: String
        let markdown: String
        let firstLine: Int
        let input: Int
        let fingerprint: Fingerprint
    }

    /// The result of such a build, or nil when the change is not one.
    func spliceBodies(_ sources: [String: BuildState.SourceStat], _ previous: BuildState) -> Result? {
        guard let keys = Self.documentsOnly(Resident.differences(sources, previous.sources), sources, previous) else { return nil }
        let paths = keys.map { String($0.dropFirst("content/".count)) }
        let loader = ContentLoader(root: content, displayRoot: contentDisplay)
        // The changed files' own inputs, found in one pass over the graph's.
        var wanted: [String: Int] = [:]
        for path in paths { wanted[Input.frontMatter(path).label] = -1; wanted[Input.body(path).label] = -1 }
        let translated = Set(paths.map { ":" + $0 })
        for (i, input) in previous.inputs.enumerated() {
            if wanted[input.label] != nil { wanted[input.label] = i }
            // A translation's state follows its original's text: that is more than a stretch.
            else if input.label.hasPrefix("translation:"), input.fingerprint != .none,
                    let colon = input.label.dropFirst("translation:".count).firstIndex(of: ":"),
                    translated.contains(String(input.label[colon...])) { return nil }
        }
        var bodies: [SplicedBody] = []
        for path in paths {
            let display = loader.display(path)
            guard let frontMatter = wanted[Input.frontMatter(path).label], frontMatter >= 0,
                  let body = wanted[Input.body(path).label], body >= 0,
                  let data = FileManager.default.contents(atPath: content.appendingPathComponent(path).path),
                  let text = try? SourceText.read(data, file: display),
                  Fingerprint(text.frontMatter) == previous.inputs[frontMatter].fingerprint,
                  let markdown = text.body.text, Markdown.omissions(in: markdown).isEmpty,
                  // (A warning in the front matter is about what did not change; one in the body, what did.)
                  !previous.warnings.contains(where: { $0.location.file == display && $0.location.line >= text.body.firstLine })
            else { return nil }
            let print = Fingerprint(text.body.markdown)
            if print != previous.inputs[body].fingerprint {
                bodies.append(SplicedBody(path: path, display: display, markdown: text.body.markdown, firstLine: text.body.firstLine, input: body, fingerprint: print))
            }
        }
        let byInput = Dictionary(uniqueKeysWithValues: bodies.map { (UInt32($0.input), $0) })
        var isChanged = [Bool](repeating: false, count: previous.inputs.count)
        for body in bodies { isChanged[body.input] = true }
        // The outputs that read those bodies: each must have every use of them as a stretch.
        let reached = previous.pages.filter { _, record in record.inputs.contains { isChanged[Int($0)] } }
        for (_, record) in reached {
            let read = Set(record.inputs.filter { byInput[$0] != nil })
            guard read.isSubset(of: Set(record.splices.map(\.input))) else { return nil }
        }
        // Every other output is there as it was written (or the whole build makes it again).
        guard outputsAreThere(previous) else { return nil }
        let outputFolder = self.outputFolder
        var state = previous
        var made: [(path: String, bytes: Data)] = []
        var newLinks: [String: [BuildState.StoredLink]] = [:]
        for (page, record) in reached.sorted(by: { $0.key < $1.key }) {
            guard let old = FileManager.default.contents(atPath: outputFolder + page), Int64(old.count) == record.size else { return nil }
            var bytes = Data(), from = 0, splices: [Splice] = [], links: [BuildState.StoredLink] = []
            bytes.reserveCapacity(old.count + 4096)
            for splice in record.splices.sorted(by: { $0.offset < $1.offset }) {
                let start = Int(splice.offset), end = Int(splice.offset + splice.length)
                guard start >= from else { return nil }
                bytes.append(old[from..<start])
                var kept = splice
                kept.offset = Int64(bytes.count)
                if let body = byInput[splice.input] {
                    guard Fingerprint(old[start..<end]) == splice.fingerprint else { return nil } // the file is not what was written
                    let (text, found) = Splice.make(splice.recipe, markdown: body.markdown, page: page)
                    if case .html(let folder, _, _) = splice.recipe {
                        let linker = Linker(from: page, folder: folder)
                        for link in found {
                            guard let target = linker.internalLink(link.url)?.path ?? linker.relativeTarget(link.url) else { continue }
                            guard previous.pages[target] != nil else { return nil } // a link that leads nowhere: said by the whole build
                            links.append(BuildState.StoredLink(page: page, location: SourceLocation(file: body.display, line: body.firstLine + link.line - 1, column: link.column),
                                                               url: link.url, target: target))
                        }
                    }
                    let utf8 = Data(text.utf8)
                    bytes.append(utf8)
                    kept.length = Int64(utf8.count)
                    kept.fingerprint = Fingerprint(utf8)
                } else {
                    bytes.append(old[start..<end])
                }
                splices.append(kept)
                from = end
            }
            bytes.append(old[from...])
            made.append((page, bytes))
            state.pages[page] = BuildState.PageRecord(size: Int64(bytes.count), inputs: record.inputs, splices: splices)
            if !links.isEmpty || record.splices.contains(where: { byInput[$0.input] != nil }) { newLinks[page] = links }
        }
        // Written like any build: checked, staged beside the old files, then put in their place.
        var result = Result(diagnostics: Diagnostics(), pages: previous.pages.count, rendered: made.count)
        previous.warnings.forEach { result.diagnostics.append($0) }
        result.parsed = keys.count
        result.bodiesInPlace = true
        result.explanations = made.map { page in
            (page.path, bodies.filter { previous.pages[page.path]!.inputs.contains(UInt32($0.input)) }.map { "text of \($0.display) changed" })
        }
        do { try OutputWriter.checkSafe(output, content: content, themes: themes) } catch {
            result.diagnostics.ioError(SourceLocation(file: output.path), "\(error)")
            return result
        }
        if let problem = beforeWriting?() {
            result.diagnostics.append(problem)
            return result
        }
        let writer = OutputWriter(root: output)
        var staged: [String] = []
        do {
            for (path, bytes) in made {
                if try writer.stage(bytes, for: path) { staged.append(path) }
            }
            try writer.commit(staged)
        } catch {
            writer.discard()
            result.diagnostics.ioError(SourceLocation(file: output.path), "\(error)",
                                       hint: "nothing in \(output.lastPathComponent)/ was replaced: the site is as it was before this build")
            return result
        }
        result.written = OutputWriter.Summary(written: staged.count, unchanged: previous.pages.count - staged.count, removed: 0)
        afterWriting?(result.written, staged)
        for body in bodies { state.inputs[body.input].fingerprint = body.fingerprint }
        state.sources = sources
        let displays = Set(bodies.map(\.display))
        state.links = (state.links.filter { newLinks[$0.page] == nil || !displays.contains($0.location.file) }
                       + newLinks.values.flatMap { $0 }).sorted { ($0.page, $0.location) < ($1.page, $1.location) }
        if let stateFile { try? state.write(stateFile) }
        return result
    }
}
