import ArgumentParser
import DubanModel
import DubanRuntime
import Foundation

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Accounts for the server: the office's admins and viewers, the units' 联络员.",
        subcommands: [UserAdd.self, UserList.self, UserDisable.self, UserEnable.self, UserReset.self]
    )
}

struct UserAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add an account; the password is read from standard input.",
        discussion: """
          duban user add li.ming --office             an office admin (acts on every matter)
          duban user add zhao.lei --office --viewer   a leader or evaluator (reads only)
          echo 'a long passphrase' | duban user add wang.fang --unit chengguan
        Passwords: at least 10 characters, not containing the name.
        """
    )

    @Argument(help: "The login name: letters, digits, '.', '_' or '-'.")
    var name: String
    @Option(help: ArgumentHelp("The unit (as in units.yaml) whose matters the account sees and acts on.", valueName: "UNIT"))
    var unit: String?
    @Flag(help: "An office account: sees every unit's matters.")
    var office = false
    @Flag(help: "With --office: may read but not act.")
    var viewer = false
    @OptionGroup var runtime: RuntimeOptions

    func validate() throws {
        if office == (unit != nil) { throw ValidationError("give --unit UNIT or --office") }
        if viewer && !office { throw ValidationError("--viewer goes with --office") }
    }

    func run() throws {
        let password = try readPassword()
        let rt = try runtime.runtime()
        let role: Role = office ? (viewer ? .viewer : .admin) : .unit
        let account = try refusing { try rt.addAccount(name, role: role, unit: unit, password: password, now: try runtime.instant()) }
        print("added \(account.name): \(describe(account))")
    }
}

struct UserList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the accounts.")
    @OptionGroup var runtime: RuntimeOptions

    func run() throws {
        let accounts = try refusing { try runtime.runtime().accounts() }
        if accounts.isEmpty { print("no accounts yet: 'duban user add NAME --office' adds the first"); return }
        print(table(["NAME", "ROLE", "UNIT", "STATUS", "CREATED"], accounts.map {
            [$0.name, $0.role.rawValue, $0.unit ?? "", $0.disabled ? "disabled" : "active", Zone.shanghai.short($0.created)]
        }))
    }
}

struct UserDisable: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "disable", abstract: "Disable an account and end its sessions.")
    @Argument var name: String
    @OptionGroup var runtime: RuntimeOptions

    func run() throws {
        try refusing { try runtime.runtime().setDisabled(name, true) }
        print("disabled \(name); its sessions have ended")
    }
}

struct UserEnable: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "enable", abstract: "Enable a disabled account.")
    @Argument var name: String
    @OptionGroup var runtime: RuntimeOptions

    func run() throws {
        try refusing { try runtime.runtime().setDisabled(name, false) }
        print("enabled \(name)")
    }
}

struct UserReset: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset", abstract: "Give an account a new password (from standard input); its sessions end.")
    @Argument var name: String
    @OptionGroup var runtime: RuntimeOptions

    func run() throws {
        let password = try readPassword()
        try refusing { try runtime.runtime().resetPassword(name, to: password) }
        print("reset the password of \(name); its sessions have ended")
    }
}

struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "API tokens for scripts ('Authorization: Bearer TOKEN'); a token acts as its account.",
        subcommands: [TokenCreate.self, TokenList.self, TokenRevoke.self]
    )
}

struct TokenCreate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a token: it is shown once, only its hash is kept.")
    @Argument(help: "The account the token acts as.") var account: String
    @Option(help: "What the token is for, shown by 'token list'.") var label = "script"
    @OptionGroup var runtime: RuntimeOptions

    func run() throws {
        let (id, token) = try refusing { try runtime.runtime().createToken(for: account, label: label, now: try runtime.instant()) }
        printError("token \(id) for \(account): copy it now, it is not shown again")
        print(token)
    }
}

struct TokenList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the tokens (never the tokens themselves).")
    @OptionGroup var runtime: RuntimeOptions

    func run() throws {
        let tokens = try refusing { try runtime.runtime().tokens() }
        print(table(["ID", "ACCOUNT", "LABEL", "CREATED"], tokens.map { [String($0.id), $0.account, $0.label, Zone.shanghai.short($0.created)] }))
    }
}

struct TokenRevoke: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a token.")
    @Argument var id: Int64
    @OptionGroup var runtime: RuntimeOptions

    func run() throws {
        try refusing { try runtime.runtime().revokeToken(id) }
        print("revoked token \(id)")
    }
}

struct LinksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "links",
        abstract: "Signed links in messages to units.",
        subcommands: [LinksRevoke.self]
    )
}

struct LinksRevoke: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke", abstract: "Withdraw every link sent to a unit so far (a phone was lost, a message forwarded).")
    @Argument(help: "The unit, as in units.yaml.") var unit: String
    @OptionGroup var runtime: RuntimeOptions

    func run() throws {
        _ = try refusing { try runtime.runtime().revokeLinks(unit: unit) }
        print("revoked every link sent to \(unit) so far; messages from now on carry new ones")
    }
}

func describe(_ a: Account) -> String {
    switch a.role {
    case .admin: "office admin"
    case .viewer: "office viewer (reads only)"
    case .unit: "unit \(a.unit ?? "?")"
    }
}

/// A password from standard input: prompted for twice (not echoed) at a
/// terminal, else the first line, so scripts can pipe it in.
func readPassword() throws -> String {
    if isatty(0) != 0 {
        guard let first = getpass("Password: ").map({ String(cString: $0) }),
              let second = getpass("Again: ").map({ String(cString: $0) }) else { throw ValidationError("no password was given") }
        guard first == second else { throw ValidationError("the two passwords differ; nothing was changed") }
        return first
    }
    guard let line = readLine(strippingNewline: true), !line.isEmpty else {
        throw ValidationError("give the password on standard input, e.g. printf '%s\\n' \"$PASSWORD\" | duban user add …")
    }
    return line
}
