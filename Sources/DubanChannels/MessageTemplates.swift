import DubanModel
import Foundation
import Mustache

/// Message templates: the shipped set for the language, each overridden by
/// `templates/NAME.txt.mustache`. The first line is the subject, the rest the text.
public enum MessageTemplates {
    public static func shipped(_ name: String, _ language: DocumentLanguage) -> String? {
        MessageTemplate(rawValue: name).map { language == .zh ? zh($0) : en($0) }
    }

    public static func render(_ name: String, language: DocumentLanguage, overrides: [String: SourceFile],
                              context: [String: Any]) throws -> (subject: String, text: String) {
        guard let text = overrides[name]?.text ?? shipped(name, language) else {
            throw DeliveryError("no message template '\(name)': add templates/\(name).txt.mustache", transient: false)
        }
        // Plain text: nothing is escaped, since no channel here reads markup from the text.
        let template = try MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + text)
        let rendered = template.render(context).trimmingCharacters(in: .whitespacesAndNewlines)
        let lines = rendered.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        return (String(lines[0]).trimmingCharacters(in: .whitespaces),
                lines.count > 1 ? String(lines[1]).trimmingCharacters(in: .whitespacesAndNewlines) : "")
    }

    static func zh(_ template: MessageTemplate) -> String {
        switch template {
        case .assignment: return """
        【交办】{{unit.name}}：{{#problem}}{{problem}}{{/problem}}{{^problem}}{{workflow.title}}{{/problem}}
        {{#recipient}}{{recipient}}同志：{{/recipient}}{{issuer}}向你单位交办{{workflow.title}}事项{{#problem}}“{{problem}}”{{/problem}}（第{{instance}}号）{{#deadline}}，整改时限{{deadline}}{{/deadline}}。请及时签收并组织整改。
        """
        case .reminder: return """
        【催办】{{unit.name}}：{{#problem}}{{problem}}{{/problem}}{{^problem}}{{workflow.title}}{{/problem}}
        {{#recipient}}{{recipient}}同志：{{/recipient}}你单位承办的{{workflow.title}}事项{{#problem}}“{{problem}}”{{/problem}}（第{{instance}}号）当前状态：{{state}}{{#deadline}}，时限{{deadline}}{{/deadline}}。请抓紧办理并及时反馈。{{issuer}}
        """
        case .meetingNotice: return """
        【会议通知】{{name}}
        {{#recipient}}{{recipient}}同志：{{/recipient}}定于{{time}}在{{place}}召开{{name}}，由{{chair}}主持。出席单位：{{attendees}}。请单位主要负责人准时参加，不能参加的请提前向{{issuer}}请假。
        """
        case .supervisionOrderIssued: return """
        【督办】{{unit.name}}：{{#problem}}{{problem}}{{/problem}}{{^problem}}{{workflow.title}}{{/problem}}
        {{#recipient}}{{recipient}}同志：{{/recipient}}你单位承办的事项已逾期{{#escalation.workdays_overdue}}{{escalation.workdays_overdue}}个工作日{{/escalation.workdays_overdue}}，{{#document}}《{{document.title}}》（{{document.number}}）{{/document}}{{^document}}督办通知单{{/document}}已印发，请按要求限期整改并书面报告。{{issuer}}
        """
        case .criticism: return """
        【通报批评】{{unit.name}}
        {{#recipient}}{{recipient}}同志：{{/recipient}}因{{#problem}}“{{problem}}”{{/problem}}经督办仍未完成整改，{{#document}}《{{document.title}}》（{{document.number}}）{{/document}}{{^document}}通报批评{{/document}}已印发。请你单位深刻汲取教训，立即整改。{{issuer}}
        """
        case .interviewNoticeIssued: return """
        【约谈通知】{{unit.name}}
        {{#recipient}}{{recipient}}同志：{{/recipient}}{{#document}}《约谈通知书》（{{document.number}}）已印发，{{/document}}决定约谈你单位主要负责人{{#when}}，时间{{when}}{{/when}}{{#place}}，地点{{place}}{{/place}}。事由：{{reason}}。请按时参加。{{issuer}}
        """
        case .interviewToSchedule: return """
        【约谈安排】{{unit.name}}
        拟约谈{{unit.name}}主要负责人{{#unit.head}}{{unit.head}}{{/unit.head}}，事由：{{reason}}。请确定约谈时间、地点和约谈人后印发约谈通知书。
        """
        case .reportRequest: return """
        【报送提醒】{{unit.name}}
        {{#recipient}}{{recipient}}同志：{{/recipient}}请按时报送{{workflow.title}}{{#deadline}}，截止{{deadline}}{{/deadline}}。{{issuer}}
        """
        case .registeredReview: return """
        【挂账复核】{{unit.name}}：{{#problem}}{{problem}}{{/problem}}{{^problem}}{{workflow.title}}{{/problem}}
        第{{instance}}号事项挂账复核日期{{review}}已到。挂账原因：{{because}}；整改计划：{{plan}}。请复核后销账、继续挂账或撤销挂账。
        """
        case .selfCriticismSpoken: return """
        【作口头检查】{{unit.name}}
        {{#recipient}}{{recipient}}同志：{{/recipient}}你单位在{{workflow.title}}排名中位列后列。请你在下次月调度会上作口头检查，说明原因和整改措施。{{issuer}}
        """
        case .selfCriticismWritten: return """
        【作书面检查】{{unit.name}}
        {{#recipient}}{{recipient}}同志：{{/recipient}}你单位在{{workflow.title}}排名中再次位列后列。请在约谈前向{{issuer}}报送书面检查，说明原因和整改措施。{{issuer}}
        """
        case .escalation: return """
        【提醒】{{unit.name}}：{{workflow.title}}
        {{#recipient}}{{recipient}}同志：{{/recipient}}第{{instance}}号事项需要处理，当前状态：{{state}}。{{issuer}}
        """
        }
    }

    static func en(_ template: MessageTemplate) -> String {
        switch template {
        case .assignment: return """
        Assigned to {{unit.name}}: {{#problem}}{{problem}}{{/problem}}{{^problem}}{{workflow.title}}{{/problem}}
        {{issuer}} assigns your unit {{workflow.title}} no. {{instance}}{{#deadline}}, due {{deadline}}{{/deadline}}. Please acknowledge it.
        """
        case .reminder: return """
        Reminder for {{unit.name}}: {{#problem}}{{problem}}{{/problem}}{{^problem}}{{workflow.title}}{{/problem}}
        {{workflow.title}} no. {{instance}} is {{state}}{{#deadline}}, due {{deadline}}{{/deadline}}. Please act and report back.
        """
        case .meetingNotice: return """
        Meeting: {{name}}
        {{name}} is held on {{time}} at {{place}}, chaired by {{chair}}. Units: {{attendees}}.
        """
        case .supervisionOrderIssued: return """
        Supervision order for {{unit.name}}
        {{#document}}{{document.number}} has been issued: {{/document}}the matter is overdue; rectify and report in writing.
        """
        case .criticism: return """
        Public criticism of {{unit.name}}
        {{#document}}{{document.number}} has been issued. {{/document}}Rectify at once.
        """
        case .interviewNoticeIssued: return """
        Interview of the head of {{unit.name}}
        {{#document}}{{document.number}}: {{/document}}{{reason}}{{#when}}, on {{when}}{{/when}}{{#place}} at {{place}}{{/place}}.
        """
        case .interviewToSchedule: return """
        Interview to schedule: {{unit.name}}
        The head of {{unit.name}} is to be interviewed: {{reason}}. Set the time, place and interviewer to issue the notice.
        """
        case .reportRequest: return """
        Report due from {{unit.name}}
        Please report on {{workflow.title}}{{#deadline}} by {{deadline}}{{/deadline}}.
        """
        case .registeredReview: return """
        Review due: {{unit.name}}, {{#problem}}{{problem}}{{/problem}}{{^problem}}{{workflow.title}}{{/problem}}
        No. {{instance}}, registered outstanding ({{because}}), is due for review on {{review}}. Plan: {{plan}}. Settle it, reschedule it, or unregister it.
        """
        case .selfCriticismSpoken: return """
        Self-criticism due: {{unit.name}}
        Your unit ranked at the bottom of {{workflow.title}}. Make a spoken self-criticism at the next monthly meeting.
        """
        case .selfCriticismWritten: return """
        Written self-criticism due: {{unit.name}}
        Your unit ranked at the bottom of {{workflow.title}} again. Send {{issuer}} a written self-criticism before the interview.
        """
        case .escalation: return """
        Action needed: {{unit.name}}
        {{workflow.title}} no. {{instance}} is {{state}}.
        """
        }
    }
}
