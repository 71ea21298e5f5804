public import Foundation

/// A small, fast, reproducible random number generator (SplitMix64) for simulations.
///
/// Not for secrets: real keys, prefixes and blinding come from the system's secure source.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator from a seed.
    public init(seed: UInt64) {
        state = seed
    }

    /// A generator for item `index` of stream `stream` under `seed`: independent of the order
    /// in which items are made, so parallel work stays reproducible.
    public init(seed: UInt64, stream: UInt64, index: UInt64) {
        var mixer = SeededGenerator(seed: seed ^ (stream &* 0x9E37_79B9_7F4A_7C15))
        state = mixer.next() ^ (index &* 0xD1B5_4A32_D192_ED03)
        _ = next()
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `count` random bytes.
    public mutating func bytes(_ count: Int) -> Data {
        var data = Data(capacity: count)
        while data.count < count {
            withUnsafeBytes(of: next().littleEndian) { data.append(contentsOf: $0.prefix(count - data.count)) }
        }
        return data
    }
}
