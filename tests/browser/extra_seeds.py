"""Extra seeds for the browser tests (written for them, not taken from real
pages): page number glued to a date line, headline, hard-wrapped body.

- 901–903: one article each on three newspaper pages and dates;
- 904: Latin and full-width letters (ＧＤＰ), 物流园区 (for 物流園區), quotes
  inside a phrase (“龙头”企业);
- 905–914: ten short articles sharing 冰雪, on three pages (12–14) and ten
  dates, for the result count, 更多结果 and the date/page filters.
"""
from __future__ import annotations

from pathlib import Path

ARTICLES = {
    # file: (page number, date line, headline, paragraphs)
    "901_panda.txt": ("08", "2025年10月9日 星期四", "大熊猫基地开放夜游", [
        "今年国庆假期，成都大熊猫繁育研究基地首次推出夜游项目，游客可以在灯光下观看大熊猫进食和玩耍。基地负责人王晓岚介绍，夜游开放首周共接待游客3.5万人次，门票提前三天售罄。",
        "与此同时，锦江夜游航线延长至九眼桥码头，沿岸的茶馆、川剧变脸表演和非遗市集吸引了大量外地游客。文旅部门表示，到2026年底将打造20条夜间消费街区，让熊猫文化与城市夜景相互映衬。",
    ]),
    "902_farm.txt": ("09", "2025年10月10日 星期五", "郫都区建成无人农场", [
        "在郫都区的无人农场里，北斗导航拖拉机按照预设路线自动翻地，植保无人机在稻田上空喷洒药剂，农技员只需在手机上查看墒情数据。种粮大户李春生说，过去十个人的活，现在两个人就能完成。",
        "郫都区还依托川西林盘发展豆瓣酱产业，建设数字化发酵车间，年产豆瓣酱12万吨。当地计划把智慧农业经验推广到全区，让每亩水稻节省人工成本约180元。",
    ]),
    "903_elder.txt": ("10", "2025年10月11日 星期六", "社区食堂织密养老服务网", [
        "走进武侯区玉林街道的社区食堂，老人们正排队打饭，两荤一素只要十二元。街道负责人周文华介绍，全区已建成社区助餐点86个，日均服务老人超过六千人次。",
        "除了助餐服务，社区还开设了智能手机培训班和老年大学课程，帮助老人跨越数字鸿沟。专家认为，适老化改造和居家上门护理正在成为银发经济的新增长点。",
    ]),
    "904_port.txt": ("11", "2025年10月12日 星期日", "青白江物流园区扩容提速", [
        "在青白江区，物流园区今年新增仓储面积20万平方米，冷链、保税和跨境电商仓库同步投用。园区负责人赵一鸣介绍，前三季度园区货物吞吐量同比增长18%，带动全区ＧＤＰ增长6.2%。",
        "园区引进的“龙头”企业带动上下游四十多家配套企业落户，开展协同配送。赵一鸣说，下一步将建设多式联运中心，让公路、铁路和航空运输无缝衔接，Wi-Fi覆盖全部库区。",
    ]),
}

SNOW = ["西岭雪山", "龙池", "九鼎山", "瓦屋山", "峨眉山", "毕棚沟", "达古冰川", "孟屯河谷", "鹧鸪山", "四姑娘山"]
for _i, _place in enumerate(SNOW):
    ARTICLES[f"{905 + _i}_snow.txt"] = (str(12 + _i % 3), f"2025年12月{_i + 1}日", f"{_place}冰雪季开幕", [
        f"{_place}冰雪季日前开幕，景区推出滑雪、戏雪和温泉等项目，首日接待游客{1200 + 37 * _i}人次。",
        "景区负责人表示，今年将延长开放时间，并开通直达旅游专线，方便市民周末出行。",
    ])

SNOW_PAGES = {f"第 {12 + i % 3} 版" for i in range(len(SNOW))}


def wrap(text: str, width: int = 16) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)]


def write_seeds(seeds_dir) -> list[str]:
    """Write every seed into ``seeds_dir``; return the headlines."""
    out = []
    for name, (page_no, date, title, paras) in ARTICLES.items():
        lines = [f"{page_no} {date} 责任编辑：张三", title, ""]
        for p in paras:
            lines += wrap(p) + [""]
        (Path(seeds_dir) / name).write_text("\n".join(lines), encoding="utf-8")
        out.append(title)
    return out
