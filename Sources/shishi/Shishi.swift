import ArgumentParser
import ShishiCore

/// The `shishi` command: the deputies' vote on livelihood projects and everything after it.
@main
struct Shishi: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shishi",
        abstract: "实事：民生实事项目代表票决 | the deputies' vote on a city's livelihood projects.",
        discussion: """
            Chinese output by default; add --lang en for English. 默认中文输出，--lang en 为英文。
            Start with: shishi demo
            """,
        version: ShishiVersion.string,
        subcommands: [DemoCommand.self],
        groupedSubcommands: [
            CommandGroup(
                name: "The vote (票决)",
                subcommands: [
                    KeyCommand.self, VoteCommand.self, SignInCommand.self, TerminalCommand.self, RegistrarCommand.self, IssuanceCommand.self,
                    BallotCommand.self, BoxCommand.self, PaperCommand.self, RoundCommand.self,
                ]),
            CommandGroup(
                name: "The count and its checks (计票与核验)",
                subcommands: [TallyCommand.self, VerifyCommand.self, ResultCommand.self, ReceiptCommand.self]),
            CommandGroup(name: "Collection (征集)", subcommands: [CollectCommand.self]),
            CommandGroup(
                name: "The year (实施、监督、测评)",
                subcommands: [
                    WorkspaceCommand.self, ProjectsCommand.self, GroupCommand.self, MilestoneCommand.self, ProgressCommand.self,
                    InspectionCommand.self, RectificationCommand.self, HotlineCommand.self, ScoresCommand.self, EvaluationCommand.self,
                    LookBackCommand.self, ReportCommand.self, LogCommand.self,
                ]),
            CommandGroup(name: "Serving (网页服务)", subcommands: [ServeCommand.self, PublishCommand.self]),
            CommandGroup(name: "Tools (工具)", subcommands: [ImportCommand.self, ExportCommand.self, SimulateCommand.self, BenchCommand.self]),
        ]
    )

    /// The entry point: `shishi serve --config FILE` is expanded into the file's options first
    /// (``ServeConfigFile``); everything else is parsed as given.
    static func main() async {
        let arguments: [String]
        do {
            arguments = try ServeConfigFile.expand(Array(CommandLine.arguments.dropFirst()))
        } catch {
            exit(withError: error)
        }
        await main(arguments)
    }
}
