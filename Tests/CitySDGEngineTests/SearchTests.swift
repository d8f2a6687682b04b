import Foundation
import Testing
@testable import CitySDGEngine

/// The search index in shards, and the kept cards' store on disk.
@Suite struct SearchTests {
    static func cities(_ n: Int) -> [Search.Item] { (0..<n).map { .city(Slug(text: "city-\($0)")!) } }

    @Test func aShardHoldsAboutAThousandItemsAndTheirNumberIsAPowerOfTwo() {
        #expect(Search.shardCount(0) == 1)
        #expect(Search.shardCount(1_000) == 1)
        #expect(Search.shardCount(1_001) == 2)
        #expect(Search.shardCount(4_000) == 4)
        #expect(Search.shardCount(4_001) == 8)
        #expect(Search.shardCount(40_046) == 64)
    }

    @Test func everyItemIsInOneShardAndAddingOneChangesOneShard() {
        let items = Self.cities(500) + [.catalogue, .page(Slug(text: "about")!)]
        let shards = Search.shards(items, perShard: 50)
        #expect(shards.count == 16)
        #expect(shards.flatMap { $0 }.map(\.key).sorted() == items.map(\.key).sorted(), "every item once")
        #expect(shards.allSatisfy { $0.map(\.key) == $0.map(\.key).sorted() }, "each shard in the order of its keys")
        #expect(shards.allSatisfy { !$0.isEmpty && $0.count < 70 }, "the hash spreads the items: \(shards.map(\.count))")
        // The same items in another order: the same shards.
        #expect(Search.shards(items.reversed(), perShard: 50).map { $0.map(\.key) } == shards.map { $0.map(\.key) })
        let grown = Search.shards(items + [.project(Slug(text: "new-project")!)], perShard: 50)
        #expect(zip(shards, grown).filter { $0.0.map(\.key) != $0.1.map(\.key) }.count == 1)
    }

    @Test func theIndexNamesItsShardsAndTheShardsHoldEveryItem() throws {
        let work = TemporaryFolder()
        let out = work.url.appendingPathComponent("site")
        #expect(!build(Repo.fixture, into: out).failed)
        let index = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("search/index.json"))) as! [String: Any]
        let shards = try #require(index["shards"] as? [String])
        #expect(shards == ["shard-0.json"])
        #expect(try page("search/index.html", in: out).contains("data-shards=\"shard-0.json\""), "the page names the shards too")
        #expect((index["kinds"] as? [String: String])?["city"] == "City")
        let entries = try shards.flatMap { name in
            try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("search/" + name))) as! [[Any]]
        }
        let addresses = entries.compactMap { $0[2] as? String }
        for path in ["cities/alpha-town/index.html", "projects/alpha-park/index.html", "goals/11/index.html", "targets/11-7/index.html"] {
            #expect(addresses.filter { $0 == "../" + path }.count == 1, "\(path) once in the index")
        }
    }
}

/// The cards kept between builds: an append-only log and an index.
@Suite struct FragmentStoreTests {
    static func entry(_ html: String, _ path: String = "cities/x.md") -> FragmentStore.Entry {
        (html, [(.frontMatter(path), Fingerprint(path)), (.strings("en"), Fingerprint("strings"))])
    }

    static func reads(_ entry: FragmentStore.Entry?) -> [Input: Fingerprint]? {
        entry.map { Dictionary($0.reads, uniquingKeysWith: { a, _ in a }) }
    }

    func size(_ url: URL) -> Int { (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? -1 }

    @Test func savedCardsAreReadBackAndAnEditAppendsOnlyWhatChanged() throws {
        let work = TemporaryFolder()
        let index = work.url.appendingPathComponent("state/fragments")
        let store = FragmentStore.empty(index)
        store.save((0..<100).map { ("card-\($0)", Self.entry(String(repeating: "<p>card \($0)</p>", count: 20))) }, dropping: [])
        let log = FragmentStore.open(index).logURL
        let before = size(log)
        let reopened = FragmentStore.open(index)
        #expect(reopened.slots.count == 100)
        let card = try #require(reopened.entry("card-7"))
        #expect(card.html == String(repeating: "<p>card 7</p>", count: 20))
        #expect(Self.reads(card) == Self.reads(Self.entry("")))
        reopened.save([("card-7", Self.entry("<p>edited</p>"))], dropping: ["card-8"])
        let after = FragmentStore.open(index)
        #expect(after.logURL == log, "the same log, appended to")
        #expect(size(log) > before && size(log) < before + 200, "only the edited card is written: \(before) → \(size(log))")
        #expect(after.entry("card-7")?.html == "<p>edited</p>")
        #expect(after.entry("card-8") == nil && after.slots.count == 99)
        #expect(after.entry("card-9")?.html == String(repeating: "<p>card 9</p>", count: 20))
    }

    @Test func aLogMostlyOfReplacedRecordsIsCopiedIntoTheNextGeneration() throws {
        let work = TemporaryFolder()
        let index = work.url.appendingPathComponent("fragments")
        let big = String(repeating: "x", count: 300_000)
        FragmentStore.empty(index).save([("a", Self.entry(big)), ("b", Self.entry("b"))], dropping: [])
        let first = FragmentStore.open(index)
        for round in 0..<8 { FragmentStore.open(index).save([("a", Self.entry(big + "\(round)"))], dropping: []) }
        let last = FragmentStore.open(index)
        #expect(last.generation > first.generation, "compacted")
        #expect(!FileManager.default.fileExists(atPath: first.logURL.path), "the old generation's log is removed")
        #expect(size(last.logURL) < 5 * 300_100, "\(size(last.logURL))")
        #expect(last.entry("a")?.html == big + "7" && last.entry("b")?.html == "b")
    }

    @Test func whatAStoppedBuildLeftAfterTheIndexedBytesIsIgnoredAndADamagedIndexKeepsNothing() throws {
        let work = TemporaryFolder()
        let index = work.url.appendingPathComponent("fragments")
        FragmentStore.empty(index).save([("a", Self.entry("a"))], dropping: [])
        let log = FragmentStore.open(index).logURL
        // A build that appended and stopped before writing its index.
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile()
        handle.write(Data(repeating: 0xFF, count: 1000))
        handle.closeFile()
        let store = FragmentStore.open(index)
        #expect(store.entry("a")?.html == "a")
        store.save([("b", Self.entry("b"))], dropping: [])
        #expect(FragmentStore.open(index).entry("b")?.html == "b" && FragmentStore.open(index).entry("a")?.html == "a")
        #expect(size(log) < 1000, "the stopped build's bytes are cut off")
        // A damaged index: nothing is kept, nothing trusted.
        var bytes = try Data(contentsOf: index)
        bytes.removeLast(3)
        try bytes.write(to: index)
        #expect(FragmentStore.open(index).slots.isEmpty)
    }

    @Test func anIndexWhoseLogIsShorterThanItVouchesForKeepsNothing() throws {
        let work = TemporaryFolder()
        let index = work.url.appendingPathComponent("fragments")
        FragmentStore.empty(index).save([("a", Self.entry(String(repeating: "a", count: 500)))], dropping: [])
        let log = FragmentStore.open(index).logURL
        try Data(try Data(contentsOf: log).prefix(100)).write(to: log)
        #expect(FragmentStore.open(index).entry("a") == nil)
    }
}
