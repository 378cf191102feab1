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

    {{#commitment}}你单位在{{meeting}}上承诺的“{{commitment}}”事项{{/commitment}}{{^commitment}}你单位承办的“{{matter_title}}”事项{{#assigned}}（{{assigned}}交办）{{/assigned}}{{/commitment}}{{#deadline}}，整改时限为{{deadline}}{{/deadline}}，截至{{date}}仍未完成{{#escalation.workdays_overdue}}，已逾期{{escalation.workdays_overdue}}个工作日{{/escalation.workdays_overdue}}。{{#escalation}}根据《{{escalation.policy}}》{{escalation.clause}}的规定，现予督办。{{/escalation}}

    | 项目 | 内容 |
    |---|---|
    | 督办事项 | {{matter_title}} |
    | 问题来源 | {{#source_is.inspection}}实地测评{{/source_is.inspection}}{{#source_is.public}}群众反映{{/source_is.public}}{{#source_is.media}}媒体曝光{{/source_is.media}}{{#source_is.snapshot}}随手拍{{/source_is.snapshot}}{{^source}}督查发现{{/source}} |
    | 领导批示 | {{#instruction}}{{instruction}}{{/instruction}}{{^instruction}}无{{/instruction}} |
    | 牵头单位 | {{unit.name}} |
    | 配合单位 | {{#partners}}{{partners}}{{/partners}}{{^partners}}无{{/partners}} |
    | 责任人 | {{unit.head_title}}{{unit.head}}{{#unit.contact}}（联络员{{unit.contact}}{{#unit.contact_phone}}，{{unit.contact_phone}}{{/unit.contact_phone}}）{{/unit.contact}} |
    | 督办等级 | {{#level}}{{level}}{{/level}}{{^level}}一般{{/level}} |
    | 整改时限 | {{#deadline}}{{deadline}}{{/deadline}}{{^deadline}}立即{{/deadline}} |
    | 反馈要求 | {{#reply_by}}{{reply_by}}前{{/reply_by}}{{^reply_by}}3个工作日内{{/reply_by}}书面报送整改落实情况，附整改前后对比照片等佐证材料 |

    请你单位立即组织力量落实整改，明确责任领导和具体责任人，倒排工期、挂图作战。逾期仍未完成整改的，将依规予以通报批评。

    联系人：{{office.contact}}{{#office.contact_phone}}，联系电话：{{office.contact_phone}}{{/office.contact_phone}}

    --8<--

    ## 回执

    | 签收单位 | 签收人 | 签收时间 | 联系电话 |
    |---|---|---|---|
    | {{unit.name}} | | 年　月　日　时 | |

    请于收到本通知单当日签收，并将回执报送{{issuer}}。
    """#

    static let interviewNotice = #"""
    # 约谈通知书

    {{#policy}}根据《{{policy}}》{{clause}}的规定，{{/policy}}经研究，决定对你单位主要负责人{{unit.head}}同志进行约谈。现将有关事项通知如下：

    ## 一、约谈事由

    {{reason}}。{{#has_unit_matters}}涉及事项如下：{{/has_unit_matters}}

    {{#unit_matters}}
    {{n}}. “{{title}}”{{#deadline}}，整改时限为{{deadline}}{{/deadline}}{{#workdays_overdue}}，已逾期{{workdays_overdue}}个工作日{{/workdays_overdue}}。
    {{/unit_matters}}

    ## 二、约谈时间

    {{when}}

    ## 三、约谈地点

    {{place}}

    ## 四、约谈人

    {{interviewer}}

    ## 五、被约谈人

    {{unit.name}}{{unit.head_title}}{{unit.head}}

    ## 六、有关要求

    （一）被约谈人须按时参加，不得委托他人代为参加。

    （二）请携带{{#bring}}{{bring}}{{/bring}}{{^bring}}问题整改情况的书面报告及相关佐证材料{{/bring}}，就存在问题、原因分析和整改措施作出说明，并作出整改承诺。

    （三）约谈情况将记入你单位督办台账，并作为年度考核的参考。

    {{#has_ledger}}
    ## 七、你单位近期督办记录

    | 日期 | 事项 | 依据 |
    |---|---|---|
    {{#ledger}}
    | {{date}} | {{kind_title}} | {{clause}} |
    {{/ledger}}
    {{/has_ledger}}
    """#

    static let accountabilityReferral = #"""
    # 关于对{{unit.name}}启动问责程序的建议书

    ## 一、基本事实

    {{#has_unit_matters}}
    {{unit.name}}承办的下列事项逾期未完成整改：

    {{#unit_matters}}
    {{n}}. “{{title}}”{{#deadline}}，整改时限为{{deadline}}{{/deadline}}，截至{{date}}{{#workdays_overdue}}已逾期{{workdays_overdue}}个工作日{{/workdays_overdue}}{{^workdays_overdue}}仍未完成{{/workdays_overdue}}。
    {{/unit_matters}}
    {{/has_unit_matters}}
    {{^has_unit_matters}}
    {{unit.name}}{{#matter_title}}承办的“{{matter_title}}”{{/matter_title}}{{^matter_title}}{{reason}}{{/matter_title}}，截至{{date}}仍未按要求完成整改。
    {{/has_unit_matters}}

    {{#commitment}}{{unit.name}}主要负责人{{unit.head}}同志在约谈中承诺“{{commitment}}”，经跟踪核查，承诺未兑现。{{/commitment}}

    ## 二、督办和问责情况

    {{#has_ledger}}
    | 日期 | 事项 | 依据 |
    |---|---|---|
    {{#ledger}}
    | {{date}} | {{kind_title}} | {{clause}} |
    {{/ledger}}
    {{/has_ledger}}
    {{^has_ledger}}
    该单位此前无督办记录。
    {{/has_ledger}}

    ## 三、问责依据

    {{#escalation}}《{{escalation.policy}}》{{escalation.clause}}。{{/escalation}}{{^escalation}}{{#policy}}《{{policy}}》{{/policy}}{{clause}}。{{/escalation}}

    ## 四、问责建议

    建议对{{unit.name}}主要负责人{{unit.head}}同志予以{{#form}}{{form}}{{/form}}{{^form}}诫勉，并责令{{unit.name}}作出书面检查{{/form}}。

    以上建议，请审定。
    """#

    static let minutes = #"""
    # {{name}}纪要

    {{time}}，{{chair}}在{{place}}主持召开{{name}}，听取各责任单位创建工作推进情况汇报，研究部署下一阶段工作。现纪要如下：

    ## 一、通报问题

    {{#findings}}
    ### （{{cn_n}}）{{unit}}（{{count}}项）

    {{#matters}}
    {{n}}. {{title}}{{#deadline}}，整改时限为{{deadline}}{{/deadline}}{{#workdays_overdue}}，已逾期{{workdays_overdue}}个工作日{{/workdays_overdue}}。
    {{/matters}}
    {{/findings}}
    {{^findings}}
    截至会前，无逾期未完成事项。
    {{/findings}}

    ## 二、表态发言

    {{#events.pledge}}
    {{n}}. {{unit}}表示：{{commitment_bare}}{{#deadline}}（承诺时限{{deadline}}）{{/deadline}}。
    {{/events.pledge}}
    {{^events.pledge}}
    会上无单位作表态发言。
    {{/events.pledge}}

    {{#silent}}
    会上，{{silent}}未作表态发言，会后须于2个工作日内向{{issuer}}书面报送整改承诺。
    {{/silent}}

    ## 三、会议议定事项

    {{#events.decide}}
    {{n}}. {{text_sentence}}
    {{/events.decide}}
    {{#events_any.assign}}
    会议交办以下事项，各责任单位当日签收：
    {{/events_any.assign}}

    {{#events_any.assign}}
    | 责任单位 | 工作任务 | 完成时限 |
    |---|---|---|
    {{/events_any.assign}}
    {{#events.assign}}
    | {{unit}} | {{task}} | {{deadline}} |
    {{/events.assign}}

    以上事项，各责任单位要按照“发办不过夜”要求抓好落实，{{issuer}}跟踪督办。

    **出席：**{{present_people}}

    {{#events_any.absent}}
    **请假：**{{#events.absent}}{{unit_person}}（{{reason}}）{{^last()}}、{{/last()}}{{/events.absent}}
    {{/events_any.absent}}

    {{#nonvoting_people}}
    **列席：**{{nonvoting_people}}
    {{/nonvoting_people}}
    """#

    static let notice = #"""
    # 关于{{#subject}}{{subject}}{{/subject}}{{^subject}}创建工作推进中存在问题{{/subject}}的通报

    {{#summary}}{{summary}}{{/summary}}{{^summary}}近期，{{issuer}}对各责任单位创建工作推进情况进行了督查。现将发现的问题通报如下：{{/summary}}

    {{#findings}}
    ## {{cn_n}}、{{unit}}（{{count}}项）

    {{#matters}}
    {{n}}. {{title}}{{#deadline}}，整改时限为{{deadline}}{{/deadline}}{{#workdays_overdue}}，已逾期{{workdays_overdue}}个工作日{{/workdays_overdue}}。
    {{/matters}}
    {{/findings}}
    {{^findings}}
    本期督查未发现逾期未完成事项。
    {{/findings}}

    请各责任单位对照问题清单，立行立改，并于3个工作日内将整改情况报送{{issuer}}。
    """#

    static let criticismNotice = #"""
    # 关于对{{unit.name}}予以通报批评的通报

    {{#commitment}}{{#assigned}}{{assigned}}，{{/assigned}}{{unit.name}}在{{meeting}}上承诺“{{commitment}}”{{#deadline}}，承诺时限为{{deadline}}{{/deadline}}。{{/commitment}}{{^commitment}}{{#assigned}}{{assigned}}，{{/assigned}}{{issuer}}将“{{matter_title}}”交由{{unit.name}}办理{{#deadline}}，整改时限为{{deadline}}{{/deadline}}。{{/commitment}}经督办，该单位截至{{date}}仍未完成整改{{#escalation.workdays_overdue}}，已逾期{{escalation.workdays_overdue}}个工作日{{/escalation.workdays_overdue}}，影响了全区创建工作整体进度。

    {{#escalation}}根据《{{escalation.policy}}》{{escalation.clause}}的规定，{{/escalation}}经研究，决定对{{unit.name}}予以通报批评。

    {{unit.name}}要深刻汲取教训，立即落实整改，于3个工作日内向{{issuer}}作出书面说明。各责任单位要引以为戒，对照职责任务举一反三，确保按时保质完成创建任务。
    """#

    static let monthlyCircular = #"""
    # {{period}}创建工作推进情况通报

    按照创建工作月调度安排，{{issuer}}对各责任单位{{period}}承办事项推进情况进行了调度。现将有关情况通报如下：

    ## 一、排名情况

    {{#has_ranked}}
    截至{{period_end}}，各责任单位承办事项完成情况如下。按期完成率、逾期事项和迟报未报次数均相同的单位名次并列；本月无到期事项的单位不参加排名，以“—”表示。

    | 名次 | 责任单位 | 到期 | 按期完成 | 逾期完成 | 未完成 | 完成率 | 迟报 |
    |---|---|---|---|---|---|---|---|
    {{#ranking}}
    | {{rank}} | {{unit}} | {{due}} | {{closed}} | {{late}} | {{overdue}} | {{rate}} | {{late_reports}} |
    {{/ranking}}
    {{/has_ranked}}
    {{^has_ranked}}
    {{period}}各责任单位均无到期事项，本月不排名。
    {{/has_ranked}}

    ## 二、存在问题

    {{#findings}}
    ### （{{cn_n}}）{{unit}}（{{count}}项逾期未完成）

    {{#matters}}
    {{n}}. {{title}}{{#deadline}}，整改时限为{{deadline}}{{/deadline}}，截至{{period_end}}{{#workdays_overdue}}已逾期{{workdays_overdue}}个工作日{{/workdays_overdue}}{{^workdays_overdue}}仍未完成{{/workdays_overdue}}。
    {{/matters}}
    {{/findings}}
    {{^findings}}
    {{#has_ranked}}{{period}}到期事项均已完成。{{/has_ranked}}{{^has_ranked}}截至{{period_end}}，无逾期未完成事项。{{/has_ranked}}
    {{/findings}}

    {{#has_registered}}
    ### （{{registered_cn_n}}）挂账事项（{{registered_count}}项）

    以下事项因客观原因不能按期完成，经{{issuer}}同意挂账，不计入逾期，到复核日期逐项复核，完成后销账：

    {{#registered}}
    {{n}}. {{unit}}：{{title}}。挂账原因：{{because}}；整改计划：{{plan}}；复核日期：{{review}}。
    {{/registered}}
    {{/has_registered}}

    ## 三、下一步要求

    {{#has_ranked}}排名靠后的单位要认真分析原因，主要负责人要亲自研究部署，逾期事项限期销号。连续两个月排名末位的，按照有关规定约谈其主要负责人。{{/has_ranked}}{{^has_ranked}}各责任单位要对照创建任务清单，倒排工期，确保到期事项按时保质完成。{{/has_ranked}}
    """#
}
