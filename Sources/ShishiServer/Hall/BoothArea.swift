import Foundation
import Hummingbird
import ShishiBallot
import ShishiCore

/// The booth's page (表决终端), without an account, and the QR codes its receipts show. Its API
/// is ``BoothAPI``.
struct BoothArea: HallArea {
    let site: HallRoutes

    func addRoutes(to router: Router<HallContext>) {
        router.group().add(middleware: site.pageRefusals(back: ("/booth", Text("返回表决终端", "Back to the booth"))))
            .get("/booth") { request, context in try booth(request, context) }
            .post("/booth") { _, _ -> Response in throw ShishiError(.serverBadRequest, Words.text(.boothNeedsScript)) }
        router.get("/api/qr") { request, _ in try qr(request) }
    }

    /// The booth page: the ballot as the vote's style draws it; the cryptography runs in the
    /// browser (booth.js). A vote the browser cannot sign for is said so plainly.
    struct BoothPage: PageContent {
        static let template = Template.booth
        /// One way to mark a candidate: a radio button or a check box.
        struct Choice {
            var cid: String
            var value: String
            var label: String
            var checked: Bool
            var inputType: String
        }
        struct Candidate {
            var id: String
            var title: String
            var choices: [Choice]
        }
        var phase: PhaseView
        var seats: Int
        var style: String
        var lang: String
        var trackerMeaning: String
        /// Why this page cannot take this vote's ballots, or `nil`.
        var unsupported: String?
        var candidates: [Candidate]
        var rating: Bool
        var limitText: String
    }

    func booth(_ request: Request, _ context: HallContext) throws -> Response {
        // A code must never travel in an address (a form submitted before the page's script ran):
        // refused, and not looked at or kept. The booth's script sends it in a POST body only.
        if request.uri.queryParameters.get("code") != nil {
            throw ShishiError(.serverBadRequest, Words.text(.codeInAddress))
        }
        let language = Site.language(request)
        let manifest = hall.vote.manifest
        let unsupported: Text? =
            if manifest.suite != .ed25519 {
                Text(
                    "这次投票使用 \(manifest.suite.rawValue) 签名，浏览器（WebCrypto）不支持：请在命令行终端上签到和投票（shishi terminal request、shishi ballot cast）。",
                    "This vote signs with \(manifest.suite.rawValue), which browsers (WebCrypto) do not offer: sign in and vote at a command-line terminal (shishi terminal request, shishi ballot cast)."
                )
            } else if manifest.style == .points {
                Text(
                    "这是打分票（每个项目给分）：分数填在纸质选票上，由计票人录入（shishi paper enter），不在这个页面投票。",
                    "This is a points ballot (points per project): points are marked on paper and entered by the counters (shishi paper enter), not on this page."
                )
            } else if hall.vote.folder.phase >= .boxClosed {
                hall.vote.folder.phase.refusal(Text("投票", "Casting a ballot")).message
            } else if manifest.secrecy == .recorded {
                Text(
                    "这是记名投票：代表用本人的密钥文件投票（shishi ballot cast --key），不在这个页面投票。",
                    "This is a recorded vote: deputies vote with their own key file (shishi ballot cast --key), not on this page."
                )
            } else {
                nil
            }
        // The marks the style allows, as the ballot rules say (an approval ballot's unticked box
        // is its abstention; the others offer abstaining as a choice of its own).
        let label: [Mark: WordKey] = [
            .yes: manifest.style == .approval ? .tick : .yes, .no: .no, .satisfied: .satisfied, .basicallySatisfied: .basically, .unsatisfied: .unsatisfied,
        ]
        let marks = BallotRules(vote: hall.vote).marks
        var choices = marks.map { (value: $0.rawValue, label: Words.word(label[$0]!, language)) }
        if !marks.isEmpty, manifest.style != .approval { choices.append((value: "", label: Words.word(.abstain, language))) }
        let candidates = manifest.candidates.map { candidate in
            BoothPage.Candidate(
                id: candidate.id, title: candidate.title(in: language),
                choices: choices.map { choice in
                    BoothPage.Choice(
                        cid: candidate.id, value: choice.value, label: choice.label, checked: choice.value.isEmpty,
                        inputType: manifest.style == .approval ? "checkbox" : "radio")
                })
        }
        let limitText =
            manifest.style.isRating
            ? Text("每个项目评一个等次。", "Rate each project.")
            : Text("最多同意 \(manifest.yesLimit) 项；未标记的项目为弃权。已同意：", "At most \(manifest.yesLimit) yes; an unmarked project is an abstention. Yes so far:")
        let page = BoothPage(
            phase: PhaseView(hall.vote.folder.phase, language), seats: manifest.yesLimit, style: manifest.style.rawValue, lang: language.rawValue,
            trackerMeaning: manifest.publishes.trackerMeaning(language), unsupported: unsupported?(language), candidates: candidates,
            rating: manifest.style.isRating, limitText: limitText(language))
        return pages.page(frame(request, context, title: Text("表决终端", "Voting booth")), page)
    }

    /// A QR code of a short text (a tracker), as SVG.
    func qr(_ request: Request) throws -> Response {
        let text = request.uri.queryParameters.get("text") ?? ""
        guard !text.isEmpty, text.count <= 200 else {
            return Response(status: .badRequest)
        }
        var response = Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: try QRCode(text).svg(title: text))))
        response.headers[.contentType] = "image/svg+xml"
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
