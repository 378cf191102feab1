/// The shipped message templates: the one list of their names. A workflow
/// names one in `notify:` and `remind:`; a `templates/NAME.txt.mustache`
/// file beside the workflows overrides one or adds another.
public enum MessageTemplate: String, Sendable, Hashable, CaseIterable {
    case assignment
    case reminder
    case meetingNotice = "meeting-notice"
    case supervisionOrderIssued = "supervision-order-issued"
    case criticism
    case interviewNoticeIssued = "interview-notice-issued"
    case reportRequest = "report-request"
    case escalation
}
