import Foundation
import Mustache

/// A piece of HTML the engine rendered from one of the theme's fragment templates (a city or
/// project card). Templates insert it as it is: `{{#cities}}{{{.}}}{{/cities}}`.
struct Fragment: MustacheCustomRenderable {
    let html: String
    var renderText: String { html }
    var isNull: Bool { false }
}

/// Cards rendered once per distinct context and reused: a card depends only on its item and on
/// the depth of the page it sits on (its links are relative). Each cached card keeps what it
/// read, and every page that shows it records those reads as its own.
final class Fragments: @unchecked Sendable {
    private let world: World
    private var cache: [String: (html: String, reads: [Input: Fingerprint])] = [:]
    private let lock = NSLock()

    init(world: World) { self.world = world }

    func fragment(_ template: String, _ id: String, at link: Linker, into reads: Recorder,
                  _ view: (PageContext) -> Any) -> Fragment {
        let key = template + "\u{0}" + id + "\u{0}" + link.root
        lock.lock()
        let hit = cache[key]
        lock.unlock()
        if let hit {
            reads.merge(hit.reads)
            return Fragment(html: hit.html)
        }
        let own = Recorder()
        let reader = SiteReader(world, recordingIn: own)
        let context = PageContext(read: reader, path: link.from, isListed: false, fragments: self)
        let html = reader.renderFragment(view(context), template: template)
        lock.lock()
        cache[key] = (html, own.reads)
        lock.unlock()
        reads.merge(own.reads)
        return Fragment(html: html)
    }
}
