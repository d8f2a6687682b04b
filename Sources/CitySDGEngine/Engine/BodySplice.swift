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
    /// A changed body: its file as messages name it, its new text, and its input's number in the graph.
    struct SplicedBody {
        let display: String
        let markdown: String
        let firstLine: Int
        let input: Int
    }

    /// The result of such a build, or nil when the change is not one. `previous` is the graph
    /// read without its edges; the edges are read, and changed, in its file (`GraphFile`).
    /// `changed`: the sources whose fingerprint is not the graph's (none is new or gone); `restated`:
    /// those whose entry is not (another size or time).
    func spliceBodies(_ sources: [String: BuildState.SourceStat], _ previous: BuildState, changed: [String], restated: [String],
                      _ clock: inout StageClock) -> Result? {
        guard let keys = Self.documentsOnly(changed, sources, previous), let stateFile, var file = GraphFile(stateFile) else { return nil }
        let paths = keys.map { String($0.dropFirst("content/".count)) }
        let loader = ContentLoader(root: content, displayRoot: contentDisplay)
        // The changed files' own inputs, found in one pass over the graph's (by length first: a
        // label's bytes are compared only with those as long).
        var wanted: [String: (index: Int, fingerprint: Fingerprint, at: Int)] = [:]
        let labels = paths.flatMap { [Input.frontMatter($0).label, Input.body($0).label] }.map { Array($0.utf8) }
        let lengths = Set(labels.map(\.count))
        let translated = paths.map { Array((":" + $0).utf8) }, translation = Array("translation:".utf8)
        var count = 0, isTranslated = false
        file.inputs { c, i, input in
            count = i + 1
            if lengths.contains(input.label.count), let label = labels.first(where: { c.equals(input.label, $0) }) {
                wanted[String(decoding: label, as: UTF8.self)] = (i, input.fingerprint, input.at)
            } else if input.fingerprint != .none, c.bytes[input.label.lowerBound] == UInt8(ascii: "t"),
                      c.equals(input.label.lowerBound..<min(input.label.upperBound, input.label.lowerBound + translation.count), translation),
                      translated.contains(where: { $0.count < input.label.count && c.equals(input.label.upperBound - $0.count..<input.label.upperBound, $0) }) {
                // A translation's state follows its original's text: that is more than a stretch.
                isTranslated = true
                return false
            }
            return true
        }
        guard !isTranslated else { return nil }
        var bodies: [SplicedBody] = []
        for path in paths {
            let display = loader.display(path)
            guard let frontMatter = wanted[Input.frontMatter(path).label], let body = wanted[Input.body(path).label],
                  let data = FileManager.default.contents(atPath: content.appendingPathComponent(path).path),
                  let text = try? SourceText.read(data, file: display),
                  Fingerprint(text.frontMatter) == frontMatter.fingerprint,
                  let markdown = text.body.text, Markdown.omissions(in: markdown).isEmpty,
                  // (A warning in the front matter is about what did not change; one in the body, what did.)
                  !previous.warnings.contains(where: { $0.location.file == display && $0.location.line >= text.body.firstLine })
            else { return nil }
            let print = Fingerprint(text.body.markdown)
            if print != body.fingerprint {
                bodies.append(SplicedBody(display: display, markdown: text.body.markdown, firstLine: text.body.firstLine, input: body.index))
                file.set(print, at: body.at)
            }
        }
        let byInput = Dictionary(uniqueKeysWithValues: bodies.map { (UInt32($0.input), $0) })
        var isChanged = [Bool](repeating: false, count: count)
        for body in bodies { isChanged[body.input] = true }
        // The outputs that read those bodies: each must have every use of them as a stretch.
        guard let reached = file.pages(reading: isChanged) else { return nil }
        for page in reached {
            guard !page.hasPieces else { return nil }
            let read = Set(page.inputs.filter { byInput[$0] != nil })
            guard read.isSubset(of: Set(page.splices.map(\.splice.input))) else { return nil }
        }
        clock.lap("bodies read")
        // Every other output is there as it was written (or the whole build makes it again).
        guard outputsVouchedFor(previous) else { return nil }
        clock.lap("outputs there")
        let outputFolder = self.outputFolder
        var made: [(path: String, bytes: Data)] = []
        var newLinks: [String: [BuildState.StoredLink]] = [:]
        for page in reached {
            guard let old = FileManager.default.contents(atPath: outputFolder + page.path), Int64(old.count) == page.size else { return nil }
            var bytes = Data(), from = 0, links: [BuildState.StoredLink] = []
            bytes.reserveCapacity(old.count + 4096)
            for (splice, at) in page.splices.sorted(by: { $0.splice.offset < $1.splice.offset }) {
                let start = Int(splice.offset), end = Int(splice.offset + splice.length)
                guard start >= from else { return nil }
                bytes.append(old[from..<start])
                var kept = splice
                kept.offset = Int64(bytes.count)
                if let body = byInput[splice.input] {
                    guard Fingerprint(old[start..<end]) == splice.fingerprint else { return nil } // the file is not what was written
                    let (text, found) = Splice.make(splice.recipe, markdown: body.markdown, page: page.path)
                    if case .html(let folder, _, _) = splice.recipe {
                        links += Splice.links(found, page: page.path, folder: folder, file: body.display, firstLine: body.firstLine)
                        newLinks[page.path] = links
                    }
                    let utf8 = Data(text.utf8)
                    bytes.append(utf8)
                    kept.length = Int64(utf8.count)
                    kept.fingerprint = Fingerprint(utf8)
                } else {
                    bytes.append(old[start..<end])
                }
                file.set(kept, at: at)
                from = end
            }
            bytes.append(old[from...])
            made.append((page.path, bytes))
            file.set(Int64(bytes.count), at: page.sizeAt)
        }
        // A link that leads nowhere is an error, said by the whole build.
        let targets = Set(newLinks.values.joined().map(\.target))
        guard targets.isEmpty || file.pages(among: targets) == targets else { return nil }
        clock.lap("stretches made \(made.count)")
        // Written like any build: checked, staged beside the old files, then put in their place.
        var result = Result(diagnostics: Diagnostics(), pages: previous.pageCount, rendered: made.count)
        previous.warnings.forEach { result.diagnostics.append($0) }
        result.parsed = keys.count
        result.bodiesInPlace = true
        result.explanations = made.indices.map { i in
            (made[i].path, bodies.filter { reached[i].inputs.contains(UInt32($0.input)) }.map { "text of \($0.display) changed" })
        }
        do { try OutputWriter.checkSafe(output, content: content, themes: themes) } catch {
            result.diagnostics.ioError(SourceLocation(file: output.path), "\(error)")
            return result
        }
        if let problem = beforeWriting?() {
            result.diagnostics.append(problem)
            return result
        }
        let writer = OutputWriter(root: output, removeAside: true)
        OutputStamp.remove(beside: stateFile)
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
        result.written = OutputWriter.Summary(written: staged.count, unchanged: previous.pageCount - staged.count, removed: 0)
        afterWriting?(result.written, staged)
        clock.lap("commit")
        // The graph: every source whose size, time or fingerprint changed, and the links of the pages made.
        for (i, at) in file.sources(restated) { file.set(sources[restated[i]]!, at: at) }
        if !newLinks.isEmpty {
            let displays = Set(bodies.map(\.display))
            file.replaceLinks(file.links.filter { newLinks[$0.page] == nil || !displays.contains($0.location.file) } + newLinks.values.flatMap { $0 })
        }
        clock.lap("graph")
        if (try? BuildState.write(file.encoded(), to: stateFile)) != nil { OutputStamp.stamp(output: output, graph: stateFile) }
        clock.lap("save state")
        return result
    }
}
