import ArgumentParser
import DubanLanguage
import DubanModel
import Foundation

extension CalendarCommand {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Write next year's calendar file from the State Council's holiday notice.",
            discussion: """
            Save the notice (国务院办公厅关于YYYY年部分节假日安排的通知) as published, title \
            to signature, in a text file, then:

              duban calendar import notice-2027.txt     → workflows/calendars/cn-2027.yaml

            Every item (一、元旦：…) gives the days off (…放假…, with 共N天 checked against the \
            dates) and the makeup workdays (…上班); weekday notes such as （周六） are checked \
            too. A sentence it cannot read is refused with its line and nothing is written. \
            Read the file it writes against the notice, then deploy.
            """
        )

        @Argument(help: ArgumentHelp("The notice's text (UTF-8).", valueName: "NOTICE.txt"))
        var notice: String

        @Option(help: "The calendar the file is for.")
        var calendar = "cn"

        @Option(help: ArgumentHelp("Where to write CALENDAR-YEAR.yaml (default: ./workflows/calendars or ./calendars, else here).", valueName: "DIR"))
        var out: String?

        @Flag(help: "Replace the year's file if there is one.")
        var force = false

        func run() throws {
            guard let text = try? String(contentsOfFile: notice, encoding: .utf8) else {
                throw ValidationError("cannot read \(notice) as UTF-8 text: save the notice as a plain text file")
            }
            let source = SourceFile(path: notice, text: text)
            let (read, diagnostics) = HolidayNotice.read(source)
            if !diagnostics.isEmpty { printError(DiagnosticRenderer(sources: [source]).render(diagnostics)) }
            guard let read else {
                printError("\(diagnostics.count) sentence(s) not read: nothing was written")
                throw ExitCode(dataErrorExit)
            }
            let folder = out ?? CalendarCommand.Options.localFolder() ?? "."
            let path = (folder as NSString).appendingPathComponent("\(calendar)-\(read.year).yaml")
            if FileManager.default.fileExists(atPath: path), !force {
                throw ValidationError("\(path) exists: compare it with the notice, or give --force to replace it")
            }
            let yaml = read.yaml(calendar: calendar, from: (notice as NSString).lastPathComponent)
            // What is written must load as a calendar file, or it is not written.
            let check = ProjectLoader.load([SourceFile(path: path, text: yaml)])
            guard !check.hasErrors else {
                printError(DiagnosticRenderer(sources: [SourceFile(path: path, text: yaml)]).render(check.diagnostics))
                throw ExitCode(dataErrorExit)
            }
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try yaml.write(toFile: path, atomically: true, encoding: .utf8)
            let off = read.holidays.reduce(0) { $0 + $1.to.ordinal - $1.from.ordinal + 1 }
            print("wrote \(path): \(read.holidays.count) holidays (\(off) days off), \(read.makeupWorkdays.count) makeup workdays")
        }
    }
}
