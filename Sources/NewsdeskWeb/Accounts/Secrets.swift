import Crypto
import Foundation
import HummingbirdBcrypt

/// Secrets the desk hands out and the digests it keeps of them. Login passwords get bcrypt, slow on
/// purpose; tokens and app passwords are 128 random bits, which no guessing reaches, so a SHA-256
/// digest is enough to keep the store from holding them.
public enum Secrets {
    /// bcrypt's cost: 2^12 rounds, about a quarter of a second a hash on this kind of machine.
    public static let cost: UInt8 = 12

    /// A new random secret: 32 hexadecimal digits.
    public static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    public static func hashPassword(_ password: String, cost: UInt8 = Secrets.cost) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    public static func verifyPassword(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }

    /// What the store keeps of a token or app password.
    public static func digest(_ secret: String) -> String {
        hex(SHA256.hash(data: Data(secret.utf8)))
    }

    /// The Fever API key of a user's app password: md5 of "user:password", lower-case hexadecimal.
    public static func feverKey(user: String, password: String) -> String {
        hex(Insecure.MD5.hash(data: Data("\(user):\(password)".utf8)))
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        for byte in digest {
            bytes.append(digits[Int(byte >> 4)])
            bytes.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
