"""Demo 政策计算器 (docs/demo.md): 征地补偿 with two versions of the county's standard (the
older one still answers for its period) and 高龄津贴 by age band, set up by the 政务公开办
through the same service its staff page uses."""

from __future__ import annotations

import datetime as dt

ZONES = [{"value": z, "label": z} for z in ("一类区", "二类区", "三类区")]
CATEGORIES = [{"value": c, "label": c} for c in ("耕地", "园地", "林地", "其他农用地", "未利用地")]
ZHENGDI_INPUTS = [
    {"key": "zone", "label": "征地区片", "kind": "choice", "choices": ZONES,
     "help": "见《征地区片综合地价》附图，按被征收土地所在区片选择"},
    {"key": "category", "label": "地类", "kind": "choice", "choices": CATEGORIES},
    {"key": "area", "label": "被征收面积", "kind": "number", "unit": "亩", "min": 0.01,
     "max": 10000, "step": 0.01},
    {"key": "persons", "label": "需安置的农业人口", "kind": "number", "unit": "人", "min": 0,
     "max": 50, "step": 1},
]  # fmt: skip
ZHENGDI_ITEMS = [
    {"label": "土地补偿费和安置补助费",
     "formula": 'area * lookup("区片综合地价", zone) * lookup("地类修正系数", category)'},
    {"label": "青苗补偿费", "formula": 'area * lookup("青苗补偿标准", category)'},
    {"label": "被征地农民社会保障费用",
     "formula": 'persons * lookup("被征地农民社会保障费用标准", "每人")'},
]  # fmt: skip


def _zhengdi_tables(prices: tuple[int, int, int], social: int) -> dict[str, object]:
    return {
        "区片综合地价": {"kind": "map", "unit": "元/亩", "values": dict(zip(
            ("一类区", "二类区", "三类区"), prices, strict=True))},
        "地类修正系数": {"kind": "map", "values": {
            "耕地": 1, "园地": 0.9, "林地": 0.8, "其他农用地": 0.7, "未利用地": 0.5}},
        "青苗补偿标准": {"kind": "map", "unit": "元/亩", "values": {
            "耕地": 1500, "园地": 3000, "林地": 2500, "其他农用地": 1000, "未利用地": 0}},
        "被征地农民社会保障费用标准": {"kind": "map", "unit": "元/人", "values": {"每人": social}},
    }  # fmt: skip


GAOLING_TABLES = {
    "高龄津贴标准": {
        "kind": "bands",
        "unit": "元/月",
        "bands": [
            {"min": 80, "max": 89, "value": 50, "label": "80—89周岁"},
            {"min": 90, "max": 99, "value": 150, "label": "90—99周岁"},
            {"min": 100, "max": None, "value": 500, "label": "100周岁及以上"},
        ],
    }
}


def seed_calculators(county) -> list[object]:  # type: ignore[no-untyped-def]
    from gongkai.calculators.services import calculator_create, calculator_version_create

    office = county.office
    zhengdi = calculator_create(
        actor=office,
        slug="zhengdi",
        name="征地补偿计算器",
        organisation=county.orgs["自然资源和规划局"],
        description="按征地区片综合地价和本市征地补偿标准，估算土地补偿费、安置补助费、"
        "青苗补偿费和被征地农民社会保障费用。地上附着物按实际调查另行补偿。",
    )
    for day, title, source, prices, social, note in (
        (dt.date(2023, 1, 1), "如皋市征地区片综合地价及征地补偿标准（2023年版）",
         "如政发〔2022〕88号 如皋市人民政府", (52000, 48000, 45000), 28000, "首次公布"),
        (dt.date(2026, 1, 1), "如皋市征地区片综合地价及征地补偿标准（2026年调整）",
         "如政发〔2025〕96号 如皋市人民政府", (56000, 52000, 48000), 31500, "三年一调整"),
    ):  # fmt: skip
        calculator_version_create(
            actor=office,
            calculator=zhengdi,
            effective_from=day,
            standard_title=title,
            standard_source=source,
            inputs=ZHENGDI_INPUTS,
            tables=_zhengdi_tables(prices, social),
            items=ZHENGDI_ITEMS,
            result_label="补偿合计",
            note=note,
        )
    gaoling = calculator_create(
        actor=office,
        slug="gaoling",
        name="高龄津贴计算器",
        organisation=county.orgs["民政局"],
        description="本市户籍、年满80周岁的老年人按年龄段按月享受高龄津贴。",
    )
    calculator_version_create(
        actor=office,
        calculator=gaoling,
        effective_from=dt.date(2024, 1, 1),
        standard_title="如皋市高龄津贴发放标准",
        standard_source="皋民发〔2023〕41号 如皋市民政局 如皋市财政局",
        inputs=[
            {
                "key": "age",
                "label": "年龄",
                "kind": "number",
                "unit": "周岁",
                "min": 0,
                "max": 130,
                "step": 1,
            }
        ],
        tables=GAOLING_TABLES,
        items=[
            {"label": "每月高龄津贴", "formula": 'band("高龄津贴标准", age)'},
            {"label": "全年合计", "formula": 'band("高龄津贴标准", age) * 12', "in_total": False},
        ],
        result_label="每月可领",
    )
    return [zhengdi, gaoling]
