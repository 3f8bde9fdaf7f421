/// Packs a normalised 18-character ID number into 64 bits for compact in-memory maps: the
/// partitioner's ID map, the identity files, and the registries' index (an `UInt64` key hashes
/// and compares in a fraction of what an 18-byte `String` key costs).
package enum PackedID {
    package static func pack(_ id: String) -> UInt64? {
        // On the contiguous bytes: iterating `utf8` costs several times more per byte.
        var id = id
        return id.withUTF8(pack(bytes:))
    }

    private static func pack(bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        var value: UInt64 = 0
        var count = 0
        for byte in bytes {
            count += 1
            if count <= 17 {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + UInt64(byte - 48)
            } else if count == 18 {
                let check: UInt64
                if byte == UInt8(ascii: "X") { check = 10 } else if byte >= 48, byte <= 57 { check = UInt64(byte - 48) } else { return nil }
                value = value * 11 + check
            } else {
                return nil
            }
        }
        return count == 18 ? value : nil
    }

    /// The ID number `pack` packed; "" for 0 (no ID number).
    package static func unpack(_ packed: UInt64) -> String {
        guard packed != 0 else { return "" }
        var bytes = [UInt8](repeating: 0, count: 18)
        let check = packed % 11
        bytes[17] = check == 10 ? UInt8(ascii: "X") : UInt8(48 + check)
        var rest = packed / 11
        for i in stride(from: 16, through: 0, by: -1) {
            bytes[i] = UInt8(48 + rest % 10)
            rest /= 10
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
