import PostgresNIO

/// A row's columns by name, each decoded to the type its use asks for.
struct Columns {
    private let row: PostgresRandomAccessRow

    init(_ row: PostgresRow) {
        self.row = row.makeRandomAccess()
    }

    subscript<Value: PostgresDecodable>(_ name: String) -> Value {
        get throws { try row[name].decode(Value.self) }
    }
}
