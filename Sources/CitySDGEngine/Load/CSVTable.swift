/// A CSV file as RFC 4180 reads it (fields separated by commas, records by line ends, a field in
/// double quotes may hold commas, line ends and doubled quotes), each field with where it starts.
struct CSVTable {
    struct Cell: Hashable {
        var text: String
        var line: Int
        var column: Int
    }

    struct Problem: Error, Equatable {
        var line: Int
        var column: Int
        var message: String
        var hint: String?
    }

    /// Every record, each a list of cells; a blank line is no record.
    var rows: [[Cell]]

    private enum State { case start, unquoted, quoted, afterQuote }

    /// Reads `text` (already UTF-8 with `\n` line ends: see `SourceText.decode`).
    static func parse(_ text: String) throws(Problem) -> CSVTable {
        var rows: [[Cell]] = []
        var row: [Cell] = []
        var field: [UInt8] = []
        var state = State.start
        var rowQuoted = false
        var line = 1, column = 1
        var start = (line: 1, column: 1)
        let bytes = Array(text.utf8)
        func emit() {
            row.append(Cell(text: String(decoding: field, as: UTF8.self), line: start.line, column: start.column))
            field = []
            state = .start
        }
        func endRow() {
            emit()
            // A blank line is no record.
            if !(row.count == 1 && row[0].text.isEmpty && !rowQuoted) { rows.append(row) }
            row = []
            rowQuoted = false
        }
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if state == .start { start = (line, column) }
            switch (state, b) {
            case (.quoted, 0x22):
                if i + 1 < bytes.count, bytes[i + 1] == 0x22 {
                    field.append(0x22)
                    i += 1; column += 1
                } else {
                    state = .afterQuote
                }
            case (.quoted, _):
                field.append(b)
            case (_, 0x2C):
                emit()
            case (_, 0x0A):
                endRow()
            case (.start, 0x22):
                state = .quoted
                rowQuoted = true
            case (.afterQuote, _):
                throw Problem(line: line, column: column, message: "text after the closing double quote of a field",
                              hint: "a quoted field ends at its closing quote; a comma or the end of the line must follow it")
            case (.unquoted, 0x22):
                throw Problem(line: line, column: column, message: "a double quote inside a field that does not start with one",
                              hint: "put the whole field in double quotes and double each quote inside it: \"say \"\"hello\"\"\"")
            default:
                field.append(b)
                state = .unquoted
            }
            if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        if state == .quoted {
            throw Problem(line: start.line, column: start.column, message: "the double quote that opens this field is never closed",
                          hint: "add the closing double quote")
        }
        if !(state == .start && row.isEmpty) { endRow() }
        return CSVTable(rows: rows)
    }
}
