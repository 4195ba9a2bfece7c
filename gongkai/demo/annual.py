"""The demo's 政府信息公开工作年度报告 of last year, made and published through the services the
staff use (docs/demo.md): the figures of table 二 that come from the departments' own
registers, a department's report, and the whole government's (docs/supervision.md)."""

from __future__ import annotations

from django.utils import timezone

from gongkai.demo.county import County
from gongkai.supervision.annual import (
    annual_figure_save,
    annual_report_create,
    annual_report_publish,
    annual_report_save,
)
from gongkai.supervision.scoring import score_publish, score_rule_create
from gongkai.supervision.scoring_rules import DEFAULT_WEIGHTS

# 行政许可 / 行政处罚 / 行政强制 decisions and 行政事业性收费 (万元) from the departments' registers
FIGURES = {
    "行政审批局": {"licences": 6215, "fees_wan": "0"},
    "住建局": {"licences": 412, "penalties": 37, "enforcements": 3, "fees_wan": "126.4"},
    "市场监管局": {"licences": 1890, "penalties": 264, "enforcements": 41, "fees_wan": "18.75"},
    "城管局": {"penalties": 518, "enforcements": 12},
    "生态环境局": {"penalties": 46, "enforcements": 9},
}
PROBLEMS = (
    "一是部分单位政策解读形式较为单一，图解、音视频解读偏少；二是基层政务公开标准目录动态调整还不够及时。"
    "下一步，将落实“三同步”要求，丰富解读形式，按季度开展目录动态调整和公开质量检查。"
)


def seed_annual_reports(county: County) -> None:
    year = timezone.localdate().year - 1
    for short, data in FIGURES.items():
        annual_figure_save(
            actor=county.editors[short], organisation=county.orgs[short], year=year, data=data
        )
    dept = annual_report_create(
        actor=county.editors["住建局"], organisation=county.orgs["住建局"], year=year
    )
    annual_report_save(actor=county.editors["住建局"], report=dept, data={"problems": PROBLEMS})
    annual_report_publish(actor=county.reviewers["住建局"], report=dept)
    gov = annual_report_create(actor=county.office, organisation=county.gov, year=year)
    annual_report_save(
        actor=county.office,
        report=gov,
        data={"problems": PROBLEMS, "other": "本年度未收取信息处理费。"},
    )
    annual_report_publish(actor=county.office, report=gov)


def seed_scorecards(county: County) -> None:
    """The 考核规则 (the default weights, since the start of last year) and the 成绩单 of this
    year up to last month's end (in January: all of last year)."""
    import datetime as dt

    today = timezone.localdate()
    score_rule_create(
        actor=county.office,
        effective_from=dt.date(today.year - 1, 1, 1),
        weights=DEFAULT_WEIGHTS,
        note="按年度政务公开工作考核方案设定",
    )
    end = today.replace(day=1) - dt.timedelta(days=1)
    score_publish(
        actor=county.office,
        start=dt.date(end.year, 1, 1),
        end=end,
        title=f"{end.year}年1至{end.month}月政务公开工作成绩单",
    )
