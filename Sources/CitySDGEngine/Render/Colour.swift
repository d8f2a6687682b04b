import Foundation

/// Text colour for a tile of a given background: whichever of white and near-black has the higher
/// WCAG contrast ratio (so light goal colours, 7 and 11, get dark text).
enum Colour {
    static let light = "#FFFFFF"
    static let dark = "#1B1B1B"

    static func relativeLuminance(_ hex: String) -> Double {
        let digits = Array(hex.dropFirst())
        func channel(_ i: Int) -> Double {
            let value = Double(Int(String(digits[i * 2...i * 2 + 1]), radix: 16) ?? 0) / 255
            return value <= 0.03928 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
    }

    static func contrast(_ a: String, _ b: String) -> Double {
        let (x, y) = (relativeLuminance(a), relativeLuminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    static func text(on background: String) -> String {
        contrast(background, light) >= contrast(background, dark) ? light : dark
    }
}
