import Foundation
import Hummingbird
import ShishiBallot
import ShishiCore
import ShishiTally

extension HallRoutes {
    // MARK: - Countersignatures in the browser (scrutineers)

    /// The scrutineer's page: the result, its checks, who has signed, and a form that signs
    /// with a key file read in the browser (countersign.js); the key never leaves the browser.
    func countersignPage(_ request: Request, _ context: HallContext) throws -> Response {
        _ = try requireRole(context, .scrutineer)
        let language = Self.language(request)
        var values = base(request, context, title: Text("监票人会签", "Countersign the result"))
        if let published = try hall.published() {
            values["result"] = resultValues(published.result, signers: published.signers, language: language)
            values["scrutineers"] = hall.vote.manifest.officials(.scrutineer).map { ["name": $0.name, "fingerprint": String($0.key.fingerprint.prefix(16))] }
        }
        let boxes = hall.paperBoxes()
        if !boxes.isEmpty {
            values["hasPaperBoxes"] = true
            values["paperBoxes"] = boxes.map { ["box": $0.box, "takenOut": $0.takenOut, "scrutineers": $0.scrutineers.joined(separator: "、")] }
        }
        return pages.page("countersign", values)
    }

    /// What a scrutineer's browser signs: the result's payload and its type (the browser makes
    /// the DSSE bytes itself).
    struct SigningRequest: Codable {
        var payloadType: String
        var payload: Data
    }

    /// A signature made in the browser.
    struct CountersignBody: Codable {
        var key: String
        var sig: Data
        var suite: String
    }

    struct Signers: Codable {
        var signers: [String]
    }

    func signingRequest(_ request: Request, _ context: HallContext) async -> Response {
        await answeringJSON {
            _ = try requireRole(context, .scrutineer)
            let (envelope, _) = try ResultFile(vote: hall.vote).read()
            return BoothAPI(rounds: rounds).json(
                try StrictJSON.encode(SigningRequest(payloadType: envelope.payloadType, payload: envelope.payload)), status: .ok)
        }
    }

    func countersign(_ request: Request, _ context: HallContext) async -> Response {
        await answeringJSON {
            let api = BoothAPI(rounds: rounds)
            let body = try await requireJSON(CountersignBody.self, request, context, role: .scrutineer)
            let suite = try Self.suite(body.suite)
            let signers = try hall.countersign(Signature(suite: suite, key: body.key, sig: body.sig))
            return api.json(try StrictJSON.encode(Signers(signers: signers)), status: .ok)
        }
    }

    /// A JSON answer, or a refusal as `{"error", "message"}` with its status (the booth API's rule).
    func answeringJSON(_ body: () async throws -> Response) async -> Response {
        await BoothAPI(rounds: rounds).answering(body)
    }
}
