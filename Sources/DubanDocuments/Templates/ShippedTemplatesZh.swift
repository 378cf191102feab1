/// The shipped Chinese templates (zh-CN). Each gives the title (`# `) and the
/// body in Markdown; the frame (版头, 发文字号, 主送, 落款, 版记) is added by
/// the layout. Override one with templates/KIND.md.mustache in the project.
enum ShippedTemplatesZh {
    static let all: [String: String] = [
        "supervision-order": supervisionOrder, "interview-notice": interviewNotice,
        "accountability-referral": accountabilityReferral, "minutes": minutes,
        "notice": notice, "criticism-notice": criticismNotice, "monthly-circular": monthlyCircular,
    ]

    static let supervisionOrder = #"""
    # 关于督促{{unit.name}}限期完成整改的督办通知单

    {{#problem}}你单位承办的“{{problem}}”问题（{{workflow.title}}第{{instance}}号），{{/problem}}{{#deadline}}整改时限为{{deadline}}，{{/deadline}}截至{{date}}仍未完成{{#escalation}}，已逾期{{escalation.workdays_overdue}}个工作日{{/escalation}}。{{#escalation}}根据《{{escalation.policy}}》{{escalation.clause}}规定，现予督办。{{/escalation}}

    请你单位：

    1. {{#action}}{{action}}{{/action}}{{^action}}立即组织力量落实整改，明确责任领导和具体责任人，倒排工期、挂图作战。{{/action}}
    2. 于{{#reply_by}}{{reply_by}}前{{/reply_by}}{{^reply_by}}3个工作日内{{/reply_by}}将整改落实情况书面报送{{issuer}}。

    逾期仍未完成整改的，将依规予以通报批评。

    联系人：{{office.contact}}{{#office.contact_phone}}，电话：{{office.contact_phone}}{{/office.contact_phone}}
    """#

    static let interviewNotice = #"""
    # 约谈通知书

    经研究，决定约谈你单位主要负责人{{#unit.head}}{{unit.head}}同志{{/unit.head}}。现将有关事项通知如下：

    ## 一、约谈事由

    {{reason}}{{#clause}}。依据{{#policy}}《{{policy}}》{{/policy}}{{clause}}规定实施约谈{{/clause}}。

    ## 二、约谈时间和地点

    时间：{{#when}}{{when}}{{/when}}{{^when}}另行通知{{/when}}

    地点：{{#place}}{{place}}{{/place}}{{^place}}另行通知{{/place}}

    ## 三、约谈人

    {{#interviewer}}{{interviewer}}{{/interviewer}}{{^interviewer}}{{office.name}}{{#office.head}}{{office.head_title}}{{office.head}}{{/office.head}}{{/interviewer}}

    ## 四、有关要求

    请被约谈人按时参加，不得委托他人代为参加。请携带{{#bring}}{{bring}}{{/bring}}{{^bring}}问题整改情况的书面报告及相关佐证材料{{/bring}}，就存在问题、原因分析和整改措施作出说明，并作出整改承诺。

    {{#has_ledger}}
    ## 五、该单位近期督办记录

    | 日期 | 事项 | 依据条款 |
    |---|---|---|
    {{#ledger}}
    | {{date}} | {{kind_title}} | {{clause}} |
    {{/ledger}}
    {{/has_ledger}}
    """#

    static let accountabilityReferral = #"""
    # 关于对{{unit.name}}启动问责程序的建议书

    ## 一、基本事实

    {{#problem}}{{unit.name}}承办的“{{problem}}”问题，{{#deadline}}整改时限为{{deadline}}，{{/deadline}}{{/problem}}{{#reason}}{{reason}}，{{/reason}}截至{{date}}仍未按要求完成整改{{#escalation}}，已逾期{{escalation.workdays_overdue}}个工作日{{/escalation}}。{{#commitment}}该单位主要负责人在约谈中承诺：“{{commitment}}”，但跟踪核查显示承诺未兑现。{{/commitment}}

    ## 二、督办和问责台账

    {{#has_ledger}}
    | 日期 | 事项 | 依据条款 |
    |---|---|---|
    {{#ledger}}
    | {{date}} | {{kind_title}} | {{clause}} |
    {{/ledger}}
    {{/has_ledger}}
    {{^has_ledger}}
    该单位此前无督办记录。
    {{/has_ledger}}

    ## 三、适用条款

    {{#escalation}}依据《{{escalation.policy}}》{{escalation.clause}}规定。{{/escalation}}{{^escalation}}{{#clause}}依据{{#policy}}《{{policy}}》{{/policy}}{{clause}}规定。{{/clause}}{{/escalation}}

    ## 四、问责建议

    建议对{{unit.name}}{{#unit.head}}主要负责人{{unit.head}}同志{{/unit.head}}予以{{#form}}{{form}}{{/form}}{{^form}}诫勉谈话，并责令该单位作出书面检查{{/form}}。

    以上建议，请审定。
    """#

    static let minutes = #"""
    # {{name}}纪要

    {{time}}，{{chair}}在{{place}}主持召开{{name}}{{#session}}（第{{session}}次）{{/session}}，听取创建工作推进情况汇报，研究部署下一阶段工作。现纪要如下：

    ## 一、会议情况

    出席：{{present}}

    {{#events.absent}}{{#first()}}请假：{{/first()}}{{unit}}（{{reason}}）{{^last()}}；{{/last()}}{{/events.absent}}

    {{#nonvoting}}
    列席：{{nonvoting}}
    {{/nonvoting}}

    ## 二、通报问题

    {{#findings}}
    ### {{unit}}（{{count}}项）

    {{#matters}}
    - {{title}}，{{state}}{{#deadline}}，时限{{deadline}}{{/deadline}}{{#workdays_overdue}}，已逾期{{workdays_overdue}}个工作日{{/workdays_overdue}}
    {{/matters}}
    {{/findings}}
    {{^findings}}
    截至会前，无逾期未完成事项。
    {{/findings}}

    ## 三、表态发言

    {{#events.pledge}}
    - {{unit}}：{{commitment}}{{#deadline}}（{{deadline}}前完成）{{/deadline}}
    {{/events.pledge}}
    {{^events.pledge}}
    无。
    {{/events.pledge}}
    {{#silent}}

    未表态：{{silent}}
    {{/silent}}

    ## 四、会议议定事项

    {{#events.decide}}
    - {{text}}
    {{/events.decide}}

    {{#events.assign}}
    ## 五、交办事项

    | 责任单位 | 工作任务 | 完成时限 |
    |---|---|---|
    {{#events.assign}}
    | {{unit}} | {{task}} | {{deadline}} |
    {{/events.assign}}
    {{/events.assign}}

    以上事项，各责任单位要按照“发办不过夜”要求抓好落实，{{issuer}}跟踪督办。
    """#

    static let notice = #"""
    # 关于{{#subject}}{{subject}}{{/subject}}{{^subject}}创建工作推进中存在问题{{/subject}}的通报

    {{#summary}}{{summary}}{{/summary}}{{^summary}}近期，{{issuer}}对各责任单位创建工作推进情况进行了督查。现将发现的问题通报如下：{{/summary}}

    {{#findings}}
    ## {{unit}}（{{count}}项）

    {{#matters}}
    - {{title}}，{{state}}{{#deadline}}，时限{{deadline}}{{/deadline}}{{#workdays_overdue}}，已逾期{{workdays_overdue}}个工作日{{/workdays_overdue}}
    {{/matters}}
    {{/findings}}
    {{^findings}}
    本期督查未发现逾期未完成事项。
    {{/findings}}

    请各责任单位对照问题清单，立行立改，并于3个工作日内将整改情况报送{{issuer}}。
    """#

    static let criticismNotice = #"""
    # 关于对{{unit.name}}予以通报批评的通报

    {{#problem}}{{unit.name}}承办的“{{problem}}”问题，{{#deadline}}整改时限为{{deadline}}，{{/deadline}}{{/problem}}经督办仍未完成整改{{#escalation}}，已逾期{{escalation.workdays_overdue}}个工作日{{/escalation}}，影响了全区创建工作整体进度。

    {{#escalation}}根据《{{escalation.policy}}》{{escalation.clause}}规定，{{/escalation}}经研究，决定对{{unit.name}}予以通报批评。

    请{{unit.name}}深刻汲取教训，立即落实整改，于3个工作日内向{{issuer}}作出书面说明。各责任单位要引以为戒，对照职责任务举一反三，确保按时保质完成创建任务。
    """#

    static let monthlyCircular = #"""
    # {{#period}}{{period}}{{/period}}创建工作推进情况通报

    {{#period}}{{period}}{{/period}}，各责任单位按照创建工作部署推进各项任务。现将推进情况通报如下：

    ## 一、排名情况

    | 名次 | 责任单位 | 到期任务 | 已完成 | 完成率 | 逾期 | 迟报 |
    |---|---|---|---|---|---|---|
    {{#ranking}}
    | {{rank}} | {{unit}} | {{due}} | {{closed}} | {{rate}} | {{overdue}} | {{late_reports}} |
    {{/ranking}}

    ## 二、存在问题

    {{#findings}}
    ### {{unit}}（{{count}}项逾期）

    {{#matters}}
    - {{title}}{{#workdays_overdue}}，已逾期{{workdays_overdue}}个工作日{{/workdays_overdue}}
    {{/matters}}
    {{/findings}}
    {{^findings}}
    本月无逾期未完成事项。
    {{/findings}}

    ## 三、下一步要求

    排名靠后的单位要认真分析原因，主要负责人要亲自研究部署。连续两个月排名末位的，按照有关规定约谈其主要负责人。
    """#
}
