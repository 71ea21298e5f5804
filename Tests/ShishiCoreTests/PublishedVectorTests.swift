import Foundation
import ShishiCore
import Testing

/// Published vectors: RFC 8032 (Ed25519), GB/T 32905 (SM3), FIPS 180-4 (SHA-256), RFC 9474 (blind RSA).
@Suite struct PublishedVectorTests {
    @Test func sm3OfABCMatchesTheStandard() {
        // GB/T 32905-2016, example 1.
        #expect(HashAlgorithm.sm3.hash(Data("abc".utf8)).hexString == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")
    }

    @Test func sha256OfABCMatchesTheStandard() {
        #expect(HashAlgorithm.sha256.hash(Data("abc".utf8)).hexString == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func ed25519VectorOneOfRFC8032Verifies() throws {
        let key = try PublicKey(suite: .ed25519, rawRepresentation: Data(hex: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")!)
        let signature = Data(
            hex: "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")!
        #expect(key.isValidSignature(signature, for: Data()))
        #expect(!key.isValidSignature(signature, for: Data([0])))
        // The seed of the same vector gives the same public key.
        let secret = try PrivateKey(ed25519Seed: Data(hex: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")!)
        #expect(secret.publicKey == key)
    }

    @Test func rfc9474RandomizedVectorVerifiesAsPrefixPlusMessage() throws {
        let key = try BlindPublicKey(modulus: Data(hex: RFC9474.n)!, publicExponent: Data(hex: RFC9474.e)!)
        let signature = Data(hex: RFC9474.sig)!
        let prefix = Data(hex: RFC9474.msgPrefix)!
        let message = Data(hex: RFC9474.msg)!
        #expect(key.isValidSignature(signature, prefix: prefix, message: message))
        var altered = message
        altered[0] ^= 1
        #expect(!key.isValidSignature(signature, prefix: prefix, message: altered))
        var otherPrefix = prefix
        otherPrefix[31] ^= 1
        #expect(!key.isValidSignature(signature, prefix: otherPrefix, message: message))
    }
}

/// RFC 9474, appendix A, RSABSSA-SHA384-PSS-Randomized (the public values).
enum RFC9474 {
    static let n = [
        "aec4d69addc70b990ea66a5e70603b6fee27aafebd08f2d94cbe1250c556e047a928d635c3f45ee9b66d1bc628a03bac",
        "9b7c3f416fe20dabea8f3d7b4bbf7f963be335d2328d67e6c13ee4a8f955e05a3283720d3e1f139c38e43e0338ad058a",
        "9495c53377fc35be64d208f89b4aa721bf7f7d3fef837be2a80e0f8adf0bcd1eec5bb040443a2b2792fdca522a7472ae",
        "d74f31a1ebe1eebc1f408660a0543dfe2a850f106a617ec6685573702eaaa21a5640a5dcaf9b74e397fa3af18a2f1b7c",
        "03ba91a6336158de420d63188ee143866ee415735d155b7c2d854d795b7bc236cffd71542df34234221a0413e142d8c6",
        "1355cc44d45bda94204974557ac2704cd8b593f035a5724b1adf442e78c542cd4414fce6f1298182fb6d8e53cef1adfd",
        "2e90e1e4deec52999bdc6c29144e8d52a125232c8c6d75c706ea3cc06841c7bda33568c63a6c03817f722b50fcf89823",
        "7d788a4400869e44d90a3020923dc646388abcc914315215fcd1bae11b1c751fd52443aac8f601087d8d42737c18a3fa",
        "11ecd4131ecae017ae0a14acfc4ef85b83c19fed33cfd1cd629da2c4c09e222b398e18d822f77bb378dea3cb360b605e",
        "5aa58b20edc29d000a66bd177c682a17e7eb12a63ef7c2e4183e0d898f3d6bf567ba8ae84f84f1d23bf8b8e261c3729e",
        "2fa6d07b832e07cddd1d14f55325c6f924267957121902dc19b3b32948bdead5",
    ].joined()
    static let e = [
        "010001"
    ].joined()
    static let msg = [
        "8f3dc6fb8c4a02f4d6352edf0907822c1210a9b32f9bdda4c45a698c80023aa6b59f8cfec5fdbb36331372ebefedae7d"
    ].joined()
    static let msgPrefix = [
        "8417e699b219d583fb6216ae0c53ca0e9723442d02f1d1a34295527e7d929e8b"
    ].joined()
    static let sig = [
        "191e941c57510e22d29afad257de5ca436d2316221fe870c7cb75205a6c071c2735aed0bc24c37f3d5bd960ab97a829a",
        "508f966bbaed7a82645e65eadaf24ab5e6d9421392c5b15b7f9b640d34fec512846a3100b80f75ef51064602118c1a77",
        "d28d938f6efc22041d60159a518d3de7c4d840c9c68109672d743d299d8d2577ef60c19ab463c716b3fa75fa56f57353",
        "49d414a44df12bf0dd44aa3e10822a651ed4cb0eb6f47c9bd0ef14a034a7ac2451e30434d513eb22e68b7587a8de9b4e",
        "63a059d05c8b22c7c51e2cfee2d8bef511412e93c859a13726d87c57d1bc4c2e68ab121562f839c3a3d233e87ed63c69",
        "b7e57525367753fbebcc2a9805a2802659f5888b2c69115bf865559f10d906c09d048a0d71bfee4b33857393ec2b69e4",
        "51433496d02c9a7910abb954317720bbde9e69108eafc3e90bad3d5ca4066d7b1e49013fa04e948104a1dd82b12509ec",
        "b146e948c54bd8bfb5e6d18127cd1f7a93c3cf9f2d869d5a78878c03fe808a0d799e910be6f26d18db61c485b303631d",
        "3568368fc41986d08a95ea6ac0592240c19d7b22416b9c82ae6241e211dd5610d0baaa9823158f9c32b66318f5529491",
        "b7eeadcaa71898a63bac9d95f4aa548d5e97568d744fc429104e32edd9c87519892a198a30d333d427739ffb9607b092",
        "e910ae37771abf2adb9f63bc058bf58062ad456cb934679795bbdfcdfad5e0f2",
    ].joined()
}
