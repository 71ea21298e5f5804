import ArgumentParser
import Foundation
import ShishiBallot
import ShishiCore
import ShishiTally

struct ReceiptCommand: ShishiCommand {
    static let configuration = CommandConfiguration(
        commandName: "receipt",
        abstract: "Tell a deputy what became of a ballot, with its inclusion proof. 查询选票是否计入。"
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var folder: VoteFolderArgument

    @Argument(help: "The tracker printed when the ballot was cast (or its first 8+ hex digits).")
    var tracker: String

    @Flag(help: "Print the receipt as JSON.")
    var json = false

    func execute() throws {
        let vote = try folder.open()
        let receipt = try Receipt.look(up: tracker, in: vote)
        if json {
            try Console.json(receipt)
        } else {
            switch receipt.status {
            case .counted:
                Console.out(
                    say("已计入：跟踪码 \(receipt.tracker) 是有效票，已计入本轮结果。", "Counted: the ballot with tracker \(receipt.tracker) is valid and counted in this round."))
            case .invalid:
                Console.out(say("已收回但为废票：\(receipt.reason?.zh ?? "")", "Returned but invalid: \(receipt.reason?.en ?? "")"))
            case .setAside:
                Console.out(say("暂不计入：\(receipt.reason?.zh ?? "")", "Set aside: \(receipt.reason?.en ?? "")"))
            case .rejected:
                Console.out(say("拒收：\(receipt.reason?.zh ?? "")", "Rejected: \(receipt.reason?.en ?? "")"))
            case .absent:
                Console.out(
                    say(
                        "没有找到跟踪码为 \(receipt.tracker) 的选票：它不在本轮票箱中。请核对跟踪码，或向监票人报告。",
                        "No ballot with tracker \(receipt.tracker) is in this round's box. Check the tracker, or tell the scrutineers."))
            }
            if let proof = receipt.proof, let index = receipt.index {
                Console.out(
                    say(
                        "包含证明（第 \(index + 1)/\(receipt.counted) 张，共 \(proof.count) 步）对公布的票箱摘要 \(receipt.boxDigest)：\(receipt.proofValid == true ? "有效" : "无效")",
                        "Inclusion proof (ballot \(index + 1) of \(receipt.counted), \(proof.count) steps) against the published box digest \(receipt.boxDigest): \(receipt.proofValid == true ? "valid" : "INVALID")"
                    ))
                for step in proof { Console.out("  \(step.side == .left ? "L" : "R") \(step.hash)") }
            }
            // What the tracker proves to whoever is shown it depends on what the vote publishes.
            Console.out(vote.manifest.publishes.trackerMeaning(global.lang))
        }
        if receipt.status == .absent || receipt.proofValid == false { throw ExitCode(1) }
    }
}
