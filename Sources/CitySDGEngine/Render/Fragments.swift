import Foundation
import Mustache

/// A piece of HTML the engine rendered from one of the theme's fragment templates (a city or
/// project card). Templates insert it as it is: `{{#cities}}{{{.}}}{{/cities}}`.
struct Fragment: MustacheCustomRenderable {
    let html: String
    var renderText: String { html }
    var isNull: Bool { false }
}

/// Cards rendered once per distinct context and reused: a card depends only on its item, on
/// the depth of the page it sits on (its links are relative) and on the page's language. Each card keeps what it read, and
/// every page that shows it records those reads as its own. With a build graph, the cards are kept
/// in `.citysdg/fragments` and a later build reuses every card whose reads have the fingerprints
/// they had, so an edit renders again only the cards that show what changed.
final class Fragments: @unchecked Sendable {
    typealias Entry = (html: String, reads: [Input: Fingerprint])
    private let world: World
    private var cache: [String: Entry] = [:]
    private let lock = NSLock()
    /// Where the cards are kept between builds; nil keeps them for this build only.
    private let file: URL?
    private var stored: [String: Entry]?
    /// Each input's fingerprint in this build, as far as stored cards asked.
    private var current: [Input: Fingerprint?] = [:]
    private var rendered = 0

    /// The preview server's cards, kept in memory between its rebuilds instead of in a file.
    private let memory: FragmentCache?

    init(world: World, file: URL? = nil, memory: FragmentCache? = nil, reuse: Bool = false) {
        self.world = world
        self.file = memory == nil ? file : nil
        self.memory = memory
        if !reuse { stored = [:] } else if let memory { stored = memory.entries }
    }

    func fragment(_ template: String, _ slug: Slug, at link: Linker, in language: String, into reads: Recorder,
                  _ view: (Slug, PageContext) -> Any) -> Fragment {
        Fragment(html: text(template, slug.value, at: link, in: language, into: reads) { context in
            context.read.renderFragment(view(slug, context), template: template)
        })
    }

    /// Any piece of text made from one item, kept and shared like a card: `make` gets a context of
    /// its own, whose reads are the piece's (and are added to the page's that uses it).
    func text(_ name: String, _ key: String, at link: Linker, in language: String, into reads: Recorder,
              _ make: (PageContext) -> String) -> String {
        let key = name + "\u{0}" + key + "\u{0}" + link.root + "\u{0}" + language
        if let hit = lookUp(key) {
            reads.merge(hit.reads)
            return hit.html
        }
        let own = Recorder()
        let reader = SiteReader(world, language: language, recordingIn: own)
        let html = make(PageContext(read: reader, link: link, fragments: self))
        lock.lock()
        cache[key] = (html, own.reads)
        rendered += 1
        lock.unlock()
        reads.merge(own.reads)
        return html
    }

    /// A card made earlier in this build, or kept from an earlier one and still what it would be.
    private func lookUp(_ key: String) -> Entry? {
        lock.lock()
        defer { lock.unlock() }
        if let hit = cache[key] { return hit }
        if stored == nil { stored = file.flatMap(Self.read) ?? [:] }
        guard let entry = stored![key] else { return nil }
        for (input, fingerprint) in entry.reads {
            if current[input] == nil { current[input] = .some(world.fingerprint(input)) }
            guard current[input]! == fingerprint else { stored![key] = nil; return nil }
        }
        cache[key] = entry
        return entry
    }

    static let magic = "citysdg-fragments"
    static let version: UInt32 = 2

    /// Keeps the cards of this build, and those of earlier builds not used this time, when any was rendered.
    func save() {
        lock.lock()
        defer { lock.unlock() }
        var all = stored ?? [:]
        all.merge(cache) { _, new in new }
        if let memory { memory.entries = all }
        guard let file, rendered > 0 else { return }
        var labels: [String: UInt32] = [:]
        var table: [String] = []
        var w = ByteWriter()
        w.string(Self.magic)
        w.u32(Self.version)
        var entries = ByteWriter()
        entries.count(all.count)
        for (key, entry) in all.sorted(by: { $0.key < $1.key }) {
            entries.string(key)
            entries.string(entry.html)
            entries.count(entry.reads.count)
            for (input, fingerprint) in entry.reads {
                let label = input.label
                let id = labels[label] ?? {
                    table.append(label)
                    labels[label] = UInt32(table.count - 1)
                    return UInt32(table.count - 1)
                }()
                entries.u32(id)
                entries.fingerprint(fingerprint)
            }
        }
        w.list(table) { $0.string($1) }
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        var bytes = w.data
        bytes.append(entries.data)
        try? OutputWriter.replace(file, with: bytes)
    }

    private static func read(_ url: URL) -> [String: Entry]? {
        guard let data = try? Data(contentsOf: url, options: .alwaysMapped) else { return nil }
        var r = ByteReader(data)
        guard r.string() == magic, r.u32() == version else { return nil }
        let table = r.list { r in Input(label: r.string()) }
        var entries: [String: Entry] = [:]
        for _ in 0..<r.count() {
            let key = r.string()
            let html = r.string()
            var reads: [Input: Fingerprint] = [:]
            var known = true
            for _ in 0..<r.count() {
                let id = Int(r.u32())
                let fingerprint = r.fingerprint()
                if id < table.count, let input = table[id] { reads[input] = fingerprint } else { known = false }
            }
            if known { entries[key] = (html, reads) }
        }
        return r.failed || !r.atEnd ? nil : entries
    }
}

/// Cards kept in memory between the rebuilds of one process (the preview server).
public final class FragmentCache: @unchecked Sendable {
    var entries: [String: Fragments.Entry] = [:]

    public init() {}
}
