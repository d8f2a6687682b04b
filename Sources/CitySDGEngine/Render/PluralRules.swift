import Foundation

/// Which plural category a count takes in a language, by the CLDR rules (`plural-rules.json`,
/// made by scripts/make-plural-rules.py): English says "1 city" (`one`) and "2 cities" (`other`),
/// Russian has `one`, `few` and `many`, Lao, Khmer, Burmese and Thai only `other`. Counts here are
/// whole numbers, so the operands are n = i and v = w = f = t = e = 0.
public struct PluralRules: Sendable {
    /// The categories a language may use besides `other`, in CLDR's order.
    public static let categories = ["zero", "one", "two", "few", "many"]

    private let rules: [String: [(category: String, condition: Condition)]]

    /// The rules that ship with the generator.
    public static let bundled: PluralRules = {
        guard let url = Bundle.module.url(forResource: "plural-rules", withExtension: "json"),
              let data = try? Data(contentsOf: url),
              let file = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let rules = file["rules"] as? [String: [String: String]] else {
            fatalError("the plural rules are missing from the generator's resources; reinstall citysdg")
        }
        return PluralRules(rules)
    }()

    init(_ rules: [String: [String: String]]) {
        self.rules = rules.mapValues { byCategory in
            Self.categories.compactMap { category in byCategory[category].map { (category, Condition(parsing: $0)) } }
        }
    }

    /// The rules of `language` (`pt-BR`), else of its language (`pt`); none: only `other`.
    private func rules(for language: String) -> [(category: String, condition: Condition)] {
        rules[language] ?? rules[String(language.prefix { $0 != "-" && $0 != "_" })] ?? []
    }

    /// `one`, `few`, … or `other` for `count` in `language`.
    public func category(_ count: Int, in language: String) -> String {
        rules(for: language).first { $0.condition.holds(for: count) }?.category ?? "other"
    }

    /// The categories `language` uses besides `other`.
    public func categories(of language: String) -> [String] { rules(for: language).map(\.category) }

    /// A rule: `or` of `and`s of relations like `i mod 10 in 2..4` or `n not in 12..14`.
    struct Condition: Sendable {
        struct Relation: Sendable {
            var operand: Character
            var modulus: Int?
            var negated: Bool
            var ranges: [ClosedRange<Int>]
        }
        /// Each inner list holds when all its relations do; the rule when any list does.
        var alternatives: [[Relation]] = []

        init(parsing text: String) {
            let words = text.replacingOccurrences(of: ",", with: " , ").split(separator: " ").map(String.init)
            var current: [Relation] = []
            var i = 0
            while i < words.count {
                switch words[i] {
                case "or":
                    alternatives.append(current)
                    current = []
                    i += 1
                case "and":
                    i += 1
                default:
                    var relation = Relation(operand: words[i].first ?? "n", modulus: nil, negated: false, ranges: [])
                    i += 1
                    if i < words.count, words[i] == "mod" || words[i] == "%" { relation.modulus = Int(words[i + 1]); i += 2 }
                    if i < words.count, words[i] == "not" || words[i] == "!=" { relation.negated = true; i += 1 }
                    if i < words.count, ["in", "within", "is", "="].contains(words[i]) { i += 1 }
                    if i < words.count, words[i] == "not" { relation.negated = true; i += 1 }
                    // The list: values and ranges separated by commas.
                    while i < words.count {
                        let bounds = words[i].components(separatedBy: "..").compactMap { Int($0) }
                        if let low = bounds.first { relation.ranges.append(low...(bounds.count > 1 ? bounds[1] : low)) }
                        i += 1
                        guard i < words.count, words[i] == "," else { break }
                        i += 1
                    }
                    current.append(relation)
                }
            }
            alternatives.append(current)
        }

        func holds(for count: Int) -> Bool {
            alternatives.contains { relations in
                !relations.isEmpty && relations.allSatisfy { relation in
                    // Whole numbers: n and i are the count; v, w, f, t, e and c are 0.
                    var value = "ni".contains(relation.operand) ? count : 0
                    if let modulus = relation.modulus, modulus != 0 { value %= modulus }
                    return relation.ranges.contains { $0.contains(value) } != relation.negated
                }
            }
        }
    }
}
