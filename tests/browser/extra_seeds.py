"""Small extra seeds for the search tests: title line, then hard-wrapped body."""

ARTICLES = {
    "901_panda.txt": ("08", "大熊猫基地开放夜游", [
        "今年国庆假期，成都大熊猫繁育研究基地首次推出夜游项目，游客可以在灯光下观看大熊猫进食和玩耍。基地负责人王晓岚介绍，夜游开放首周共接待游客3.5万人次，门票提前三天售罄。",
        "与此同时，锦江夜游航线延长至九眼桥码头，沿岸的茶馆、川剧变脸表演和非遗市集吸引了大量外地游客。文旅部门表示，到2026年底将打造20条夜间消费街区，让熊猫文化与城市夜景相互映衬。",
    ]),
    "902_farm.txt": ("09", "郫都区建成无人农场", [
        "在郫都区的无人农场里，北斗导航拖拉机按照预设路线自动翻地，植保无人机在稻田上空喷洒药剂，农技员只需在手机上查看墒情数据。种粮大户李春生说，过去十个人的活，现在两个人就能完成。",
        "郫都区还依托川西林盘发展豆瓣酱产业，建设数字化发酵车间，年产豆瓣酱12万吨。当地计划把智慧农业经验推广到全区，让每亩水稻节省人工成本约180元。",
    ]),
    "903_elder.txt": ("10", "社区食堂织密养老服务网", [
        "走进武侯区玉林街道的社区食堂，老人们正排队打饭，两荤一素只要十二元。街道负责人周文华介绍，全区已建成社区助餐点86个，日均服务老人超过六千人次。",
        "除了助餐服务，社区还开设了智能手机培训班和老年大学课程，帮助老人跨越数字鸿沟。专家认为，适老化改造和居家上门护理正在成为银发经济的新增长点。",
    ]),
}


def wrap(text: str, width: int = 16) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)]


def write_seeds(seeds_dir) -> list[str]:
    from pathlib import Path
    out = []
    for name, (page_no, title, paras) in ARTICLES.items():
        lines = [page_no + title, ""]
        for p in paras:
            lines += wrap(p) + [""]
        (Path(seeds_dir) / name).write_text("\n".join(lines), encoding="utf-8")
        out.append(title)
    return out
