import GRDB

extension Row {
    /// A column holding one of a closed set of words; another word is a
    /// damaged row, refused with where it is rather than trapped on.
    func decode<T: RawRepresentable>(_ column: String) throws -> T where T.RawValue == String {
        let text: String? = self[column]
        guard let text, let value = T(rawValue: text) else {
            throw StoreError.corrupt("'\(text ?? "NULL")' in column \(column) is not a \(T.self)")
        }
        return value
    }
}
