import DubanModel
/// The structure of the YAML language, written once. The decoder checks keys
/// against it (unknown, missing, "did you mean") and `duban schema` turns it
/// into a JSON Schema, so the two cannot drift apart.
public indirect enum Shape: Sendable {
    case object([Field], extra: Shape? = nil)
    case text(doc: String)
    case pattern(String, doc: String)
    case choice([String], doc: String)
    case integer(doc: String, minimum: Int? = nil)
    case boolean(doc: String)
    case list(Shape)
    case oneOf([Shape])
    case ref(String)
    case anything

    public struct Field: Sendable {
        public var name: String
        public var shape: Shape
        public var required: Bool
        public var doc: String

        public init(_ name: String, _ shape: Shape, required: Bool = false, _ doc: String) {
            self.name = name
            self.shape = shape
            self.required = required
            self.doc = doc
        }
    }

    public var fields: [Field] {
        if case .object(let f, _) = self { return f }
        return []
    }

    /// The shape of one field of an object.
    public func field(_ name: String) -> Shape {
        fields.first { $0.name == name }?.shape ?? .anything
    }
}

extension Shape {
    static let duration = Shape.pattern("^[+-]?[0-9]{1,6} ?(m|h|d|w|wd|wh)$", doc: WorkDuration.syntaxHelp)
    static let expression = Shape.text(doc: "an expression, e.g. deadline - 2wd or extensions < 1")
    static let name = Shape.pattern("^[A-Za-z_][A-Za-z0-9_-]*$", doc: "a name: letters, digits, _ and -")
    static let actions = Shape.list(.ref("action"))
    static let assignments = Shape.object([], extra: .oneOf([.text(doc: "an expression"), .integer(doc: "a number"), .boolean(doc: "true or false")]))
    static let recipient = Shape.text(doc: "who: unit, unit.contact, unit.head (any unit-typed input), office, or a unit id")

    /// Every named shape of the language.
    public static let definitions: [(String, Shape)] = [
        ("workflow", .object([
            Field("workflow", .name, required: true, "the workflow's id, used by spawn and on the command line"),
            Field("version", .integer(doc: "a whole number", minimum: 1), required: true, "bumped when the definition changes; running instances keep theirs"),
            Field("title", .text(doc: "free text"), "a human title, e.g. 问题整改"),
            Field("calendar", .text(doc: "cn or weekdays"), "the business calendar workdays are counted on (default cn)"),
            Field("timezone", .text(doc: "an IANA zone or +08:00"), "default Asia/Shanghai"),
            Field("office_hours", .pattern("^[0-9]{1,2}:[0-9]{2}-[0-9]{1,2}:[0-9]{2}$", doc: "HH:MM-HH:MM"), "office hours (default 09:00-18:00): a date-only deadline falls at the end; work hours (wh) run inside"),
            Field("count_from", .choice(CountFrom.allCases.map(\.rawValue), doc: "next_day or same_day"), "whether the day of assignment counts as the first workday"),
            Field("inputs", .object([], extra: .ref("variable")), "values given when an instance starts"),
            Field("vars", .object([], extra: .ref("variable")), "values the workflow keeps and changes with set"),
            Field("schedule", .ref("schedule"), "start an instance on a cron schedule"),
            Field("initial", .name, required: true, "the state an instance starts in"),
            Field("states", .object([], extra: .ref("state")), required: true, "the states, by name"),
        ])),
        ("variable", .object([
            Field("type", .choice(ValueType.declarable, doc: "a type"), required: true, "text, int, bool, date, datetime, duration, enum, unit, list, or file (event payloads)"),
            Field("of", .choice(ValueType.declarable.filter { !["list", "enum", "file"].contains($0) }, doc: "the item type"), "for lists: the type of each item"),
            Field("values", .list(.text(doc: "an allowed value")), "for enums: the allowed values"),
            Field("required", .boolean(doc: "true or false"), "must be given at start"),
            Field("default", .anything, "the value when not given; for dates '+5wd' means 5 workdays after the start"),
            Field("title", .text(doc: "free text"), "what it means, for people"),
        ])),
        ("schedule", .oneOf([.text(doc: "a five-field cron line, e.g. '0 9 1 * *'"), .object([
            Field("cron", .text(doc: "minute hour day-of-month month day-of-week"), required: true, "when to start, in the workflow's time zone"),
            Field("roll", .choice(ScheduleRoll.allCases.map(\.rawValue), doc: "what to do on an off day"), "none (default), next_workday, or skip"),
            Field("inputs", assignments, "inputs of each started instance, as expressions"),
        ])])),
        ("state", .object([
            Field("title", .text(doc: "free text"), "a human title"),
            Field("final", .boolean(doc: "true or false"), "the instance ends here"),
            Field("enter", actions, "actions when the state is entered"),
            Field("exit", actions, "actions when the state is left"),
            Field("on", .object([], extra: .oneOf([.name, .ref("transition"), .list(.ref("transition"))])), "events and where they lead"),
            Field("after", .list(.ref("after_timer")), "timers counted from entering the state"),
            Field("at", .list(.ref("at_timer")), "timers at a time computed from the instance's values"),
            Field("escalate", .oneOf([.name, .object([
                Field("policy", .name, required: true, "the escalation policy's id"),
                Field("unit", .name, "the unit-typed input the policy applies to (default unit)"),
            ])]), "climb this policy's ladder while in this state"),
            Field("ranks", .name, "on entering, each unit takes the first ranking rung of this policy that holds for it"),
            Field("registered", .boolean(doc: "true or false"), "挂账: matters here are registered outstanding; circulars list them apart, not as overdue"),
        ])),
        ("transition", .object([
            Field("goto", .name, "the state to go to; without it the instance stays"),
            Field("if", expression, "a guard; the branch is taken only when it is true"),
            Field("set", assignments, "variables to change, as expressions"),
            Field("do", actions, "actions to run"),
            Field("by", .list(.text(doc: "an actor")), "who may send it: a unit-typed input (its unit), office, parent, child, or a unit id"),
            Field("payload", .object([], extra: .ref("variable")), "the event's data fields and their types"),
            Field("title", .text(doc: "words"), "what people are shown for the event, e.g. 签收 (a button on the pages)"),
        ])),
        ("after_timer", .object([
            Field("in", duration, required: true, "how long after entering the state"),
            Field("do", actions, "actions to run"),
            Field("goto", .name, "the state to go to"),
        ])),
        ("at_timer", .object([
            Field("time", expression, required: true, "when, e.g. deadline - 2wd; a date falls at the end of its workday"),
            Field("do", actions, "actions to run"),
            Field("goto", .name, "the state to go to"),
        ])),
        ("action", .oneOf([
            .choice(["remind"], doc: "remind the unit's contact"),
            .object([Field("notify", .object([
                Field("to", recipient, required: true, "who"),
                Field("template", .name, required: true, "the message template"),
                Field("urgent", .boolean(doc: "true or false"), "sent at once even when a timer queues it out of office hours"),
            ]), required: true, "send a message")]),
            .object([Field("remind", .object([
                Field("to", recipient, "who (default unit.contact)"),
                Field("template", .name, "the message template (default reminder)"),
                Field("urgent", .boolean(doc: "true or false"), "sent at once even when a timer queues it out of office hours"),
            ]), required: true, "send a reminder (催办)")]),
            .object([Field("document", .oneOf([.name, .object([
                Field("kind", .name, required: true, "the document kind / template"),
                Field("to", recipient, "addressee (主送)"),
                Field("cc", .list(recipient), "copies (抄送)"),
                Field("with", assignments, "more facts for the template, as expressions, e.g. reply_by: date(now) + 3wd"),
            ])]), required: true, "render and number a document")]),
            .object([Field("set", assignments, required: true, "change variables")]),
            .object([Field("spawn", .object([
                Field("workflow", .name, required: true, "the child workflow's id"),
                Field("inputs", assignments, "the child's inputs, as expressions"),
                Field("for_each", expression, "a list (e.g. all_units()): one child per item, where 'if' holds"),
                Field("as", .name, "the item's name in inputs and if (default item)"),
                Field("if", expression, "with for_each: a condition on the item, e.g. u.bottom_ranks(62d) >= 2"),
            ]), required: true, "start a child instance")]),
            .object([Field("signal_parent", .oneOf([.name, .object([
                Field("event", .name, required: true, "the event the parent receives"),
                Field("data", assignments, "the event's payload, as expressions"),
            ])]), required: true, "send an event to the instance that spawned this one")]),
            .object([Field("ledger", .oneOf([.choice(LedgerKind.allCases.map(\.rawValue), doc: "a ledger kind"), .object([
                Field("kind", .choice(LedgerKind.allCases.map(\.rawValue), doc: "a ledger kind"), required: true, "what to record"),
                Field("unit", recipient, "whose ledger (default unit)"),
                Field("clause", .text(doc: "free text"), "the clause of the measures that applies"),
                Field("note", expression, "what the line cites instead, computed, e.g. event.form + '（' + event.number + '）'"),
            ])]), required: true, "record in a unit's ledger (台账)")]),
        ])),
        ("policy", .object([
            Field("policy", .name, required: true, "the policy's id, named by escalate:"),
            Field("title", .text(doc: "free text"), "the measures' title, e.g. 创文工作问责办法（试行）"),
            Field("steps", .list(.ref("step")), "the ladder a late matter climbs, in order"),
            Field("ranking", .ref("ranking"), "the ladder climbed on the monthly ranking (ranks: in a workflow)"),
            Field("repeat_offence", .list(.ref("repeat_rule")), "rules that start a repeat offender higher up"),
            Field("interviewers", .list(.ref("interviewer")), "who interviews (约谈人) a unit's head, by the head's rank"),
        ])),
        ("ranking", .object([
            Field("bottom", .integer(doc: "a count"), "how many places from the bottom the circular records as bottom_rank (default 1, the last)"),
            Field("rungs", .list(.ref("rung")), required: true, "the rungs, heaviest first: each unit takes the first that holds"),
        ])),
        ("rung", .object([
            Field("name", .text(doc: "free text"), required: true, "the rung's name, e.g. 约谈"),
            Field("if", expression, required: true, "a condition on the unit's ledger, e.g. unit.bottom_ranks(running) >= 2"),
            Field("do", actions, "actions to run"),
            Field("ledger", .choice(LedgerKind.allCases.map(\.rawValue), doc: "a ledger kind"), "record this in the unit's ledger"),
            Field("clause", .text(doc: "free text"), "the clause of the measures that applies"),
        ])),
        ("interviewer", .object([
            Field("rank", .text(doc: "free text"), "the rank of units.yaml this line is for; without it, any other rank"),
            Field("by", .text(doc: "free text"), required: true, "the interviewer, e.g. 区委常委、副区长 刘洋"),
        ])),
        ("step", .object([
            Field("name", .text(doc: "free text"), required: true, "the step's name, e.g. 约谈"),
            Field("after", duration, required: true, "offset from entering the escalating state"),
            Field("do", actions, "actions to run"),
            Field("ledger", .choice(LedgerKind.allCases.map(\.rawValue), doc: "a ledger kind"), "record this in the unit's ledger"),
            Field("clause", .text(doc: "free text"), "the clause of the measures that applies, e.g. 第五条"),
            Field("unless", expression, "a condition on the unit's ledger that passes the step over, e.g. unit.referrals(90d) > 0"),
            Field("level", .choice(OrderLevel.allCases.map(\.rawValue), doc: "a colour"), "the supervision order's colour (督办等级): blue, yellow, orange or red"),
            Field("reply", duration, "how long the unit has to answer this step's order (its reply_by); the next step comes no sooner"),
            Field("repeat", .object([
                Field("every", duration, required: true, "how long after the last time"),
                Field("at_most", .integer(doc: "a count", minimum: 2), required: true, "the cap: times in all for one matter"),
            ]), "the step comes again while the matter stays overdue, up to a cap"),
            Field("waived_if_reported", .boolean(doc: "true or false"), "从轻: waived if the unit reported of its own accord before it came"),
        ])),
        ("repeat_rule", .object([
            Field("if", expression, required: true, "a condition on the unit's ledger, e.g. unit.strikes(365d) >= 2"),
            Field("start_at", .text(doc: "a step name"), required: true, "the step to start at"),
        ])),
        ("units", .object([
            Field("office", .ref("unit"), "the campaign office itself"),
            Field("units", .list(.ref("unit")), required: true, "the responsible units"),
            Field("bodies", .list(.ref("body")), "bodies that are not units (纪委监委, 组织部, 区委办公室): documents may go to them, messages do not"),
            Field("channels", .list(.ref("channel")), "channels for units that list none (default: the console)"),
            Field("smtp", .ref("smtp"), "the mail server for email channels"),
            Field("quiet_hours", .boolean(doc: "true or false"), "a timer's message out of office hours waits for them to begin (default true)"),
        ])),
        ("unit", .object([
            Field("id", .name, required: true, "the id used in workflows and on the command line"),
            Field("name", .text(doc: "free text"), required: true, "the full name, e.g. 区城市管理局"),
            Field("head", .ref("person"), "the head (一把手), accountable"),
            Field("contact", .ref("person"), "the liaison (联络员) who receives messages"),
            Field("rank", .text(doc: "free text"), "the head's rank, e.g. 正科级: the policy's interviewers say who interviews it"),
            Field("quiet_hours", .boolean(doc: "true or false"), "this unit's messages wait for office hours (default: the file's quiet_hours)"),
            Field("channels", .list(.ref("channel")), "how messages reach the unit (default: the file's channels)"),
        ])),
        ("body", .object([
            Field("id", .name, required: true, "the id a document's to: or cc: names"),
            Field("name", .text(doc: "free text"), required: true, "the full name, e.g. 区纪委监委"),
        ])),
        ("channel", .object([
            Field("type", .choice(ChannelConfig.Kind.allCases.map(\.rawValue), doc: "a channel type"), required: true,
                  "console, jsonl, webhook, wecom (企业微信群机器人), dingtalk (钉钉机器人), feishu (飞书机器人) or email"),
            Field("url", .text(doc: "a URL"), "webhook: a URL that holds no secret"),
            Field("url_env", .pattern("^[A-Za-z_][A-Za-z0-9_]*$", doc: "an environment variable name"), "the variable holding the URL (robot URLs carry their token)"),
            Field("secret_env", .pattern("^[A-Za-z_][A-Za-z0-9_]*$", doc: "an environment variable name"), "the variable holding the signing secret"),
            Field("path", .text(doc: "a file path"), "jsonl: the file to append to"),
            Field("to", .oneOf([.text(doc: "an email address"), .list(.text(doc: "an email address"))]), "email: the address(es)"),
            Field("quiet_hours", .boolean(doc: "true or false"), "false: this channel does not hold messages for office hours"),
        ])),
        ("smtp", .object([
            Field("host", .text(doc: "a host name"), required: true, "the mail server"),
            Field("port", .integer(doc: "a port"), "default 587 (STARTTLS); 465 for TLS from the start"),
            Field("from", .text(doc: "an email address"), required: true, "the sender address"),
            Field("from_name", .text(doc: "free text"), "the sender's name, e.g. 区创城办"),
            Field("user_env", .pattern("^[A-Za-z_][A-Za-z0-9_]*$", doc: "an environment variable name"), "the variable holding the login"),
            Field("password_env", .pattern("^[A-Za-z_][A-Za-z0-9_]*$", doc: "an environment variable name"), "the variable holding the password"),
            Field("starttls", .boolean(doc: "true or false"), "upgrade with STARTTLS before logging in (default true)"),
            Field("ca_file", .text(doc: "a file path"), "a CA bundle to trust, for a server with its own certificate"),
        ])),
        ("person", .object([
            Field("name", .text(doc: "free text"), required: true, "the person's name"),
            Field("title", .text(doc: "free text"), "position, e.g. 局长"),
            Field("phone", .text(doc: "free text"), "phone"),
            Field("email", .text(doc: "free text"), "email"),
        ])),
        ("documents", .object([
            Field("documents", .object([
                Field("language", .choice(DocumentSettings.languages, doc: "zh-CN or en"), "the shipped templates' language and how dates are written (default zh-CN)"),
                Field("issuer", .text(doc: "free text"), "发文机关: signs and prints every document (default: the office's name in units.yaml)"),
                Field("masthead", .text(doc: "free text"), "the red 版头 of notices (default: issuer + 文件)"),
                Field("prefix", .text(doc: "free text"), "the office's 代字 before each kind's code, e.g. 创文 → 创文督〔2026〕12号"),
                Field("kinds", .object([], extra: .object([
                    Field("code", .text(doc: "free text"), "the kind's 代字 after the prefix, e.g. 督"),
                    Field("title", .text(doc: "free text"), "the kind's name, e.g. 督办通知单"),
                    Field("masthead", .text(doc: "free text"), "this kind's 版头, e.g. 创建全国文明城区工作会议纪要"),
                ])), "per document kind (minutes, notice, supervision-order, ...)"),
            ]), required: true, "how documents are headed and numbered"),
        ])),
        ("calendar", .object([
            Field("calendar", .name, required: true, "the calendar's name, e.g. cn"),
            Field("year", .integer(doc: "a year"), required: true, "the year this file covers"),
            Field("source", .text(doc: "free text"), "where the schedule comes from"),
            Field("holidays", .list(.object([
                Field("name", .text(doc: "free text"), required: true, "e.g. 春节"),
                Field("from", .text(doc: "YYYY-MM-DD"), required: true, "first day off"),
                Field("to", .text(doc: "YYYY-MM-DD"), "last day off (default: from)"),
            ])), "public holidays, as ranges"),
            Field("makeup_workdays", .list(.object([
                Field("date", .text(doc: "YYYY-MM-DD"), required: true, "a weekend day worked (调休)"),
                Field("for", .text(doc: "free text"), required: true, "the holiday it makes up for"),
            ])), "weekend days that are workdays"),
        ])),
    ]

    public static func named(_ name: String) -> Shape {
        definitions.first { $0.0 == name }!.1
    }
}
