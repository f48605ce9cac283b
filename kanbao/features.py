"""Line and text evidence that several stages read (lines, untangle, reflow, structure).

One home for it, so that no earlier stage imports a later one: how a text
ends (a sentence end, a clause-internal ending), what a line starts with (a
mark that cannot start a line, a speaker label, a byline, a pull-quote
number), page furniture, and the width evidence (how a line compares with
its local column).  Pure functions of a ``Line`` or a string.

>>> ends_sentence("答记者提问。"), ends_open("近日，"), speaker_label("记者：您好")
(True, True, '记者')
"""
from __future__ import annotations

import functools
import re

from .model import Line
from .pagewords import PageWords
from .words import is_word, join_gain, tagged, word_tag

# ---- how a text ends ---------------------------------------------------------------

# an ellipsis may come as ASCII dots (Unicode NFKC turns … into ...)
SENTENCE_END = re.compile(r"(?:[。！？!?]|……|…|\.{3,})[”’」』）)]*$|[。！？][”’」』]?$"
                          r"|[。！？][”’」』]?[（(][^（）()]{1,24}[）)]$")


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends a sentence (a reporter's credit after the stop counts).

    >>> ends_sentence("答记者提问。"), ends_sentence("“空侧通道”"), ends_sentence("的实现。”")
    (True, False, True)
    >>> ends_sentence("逐渐增大。（记者李明）"), ends_sentence("全国（不含港澳）")
    (True, False)
    >>> ends_sentence("基础设施建设......"), ends_sentence("基础设施建设……")
    (True, True)
    """
    return bool(SENTENCE_END.search(text))


QUESTION_END = re.compile(r"[？?][”’」』）)\"'\s]*$")


def ends_question(text: str) -> bool:
    """True when ``text`` ends in a question mark (a closing quote or bracket may follow it):
    a question's turn, not an answer that asks its own question midway.

    >>> ends_question("记者：您怎么看？"), ends_question("这说明了什么？说明了开放的作用。"), ends_question("“行吗？”")
    (True, False, True)
    """
    return bool(QUESTION_END.search(text))


OPEN_END = "，、；：（《“‘—·,;:(-–"     # a line ending so never ends a paragraph


def ends_open(text: str) -> bool:
    """A clause-internal ending: ，、；： an opening bracket or quote, a dash.

    >>> ends_open("推动产业，"), ends_open("完成投资"), ends_open("他说：“")
    (True, False, True)
    """
    return text.endswith(tuple(OPEN_END))


BODY_PUNCT = re.compile("[，。；！？]")
BRACKET_LABEL = re.compile(r"^【[^【】]{1,8}】")   # 【人物档案】, 【内心独白】: a label that opens a paragraph
# the label of the side that asks in an interview
ASKER = re.compile(r"(?:^|[^\u4e00-\u9fff]|报|社|台|网)?记者$|^提问$|^问$|^主持人$")   # 记者, 本报记者, 中新社记者, 提问
# a reporter's name in brackets on a line of its own: it closes the paragraph above, (记者雷风雨) (an
# article's credit, (本报记者孙峰松整理), is its byline)
REPORTER_NOTE = re.compile(r"^[（(](?:记者|通讯员|实习生)\s*[\u4e00-\u9fff]{2,4}(?:[、\s]+[\u4e00-\u9fff]{2,4})*[）)]$")
# any credit in brackets ending a text (（记者雷风雨）, （综合）, （本报记者某某整理）): what follows starts anew
CREDIT_NOTE = re.compile(r"[（(][^（）()]{0,6}(?:记者|通讯员|整理|供稿|综合)[^（）()]{0,12}[)）]$")

# ---- what a line starts with ---------------------------------------------------------

NO_LINE_START = "，。、；：？！）》」』”’%,.;:?!)"  # cannot start a line: the line before continues
NUMBER_ONLY = re.compile(r"^\d{1,2}$")
UNIT_START = re.compile(r"^[年月日号时%万亿元岁个位名家项倍次]")   # a unit that follows a number (1848|年)
DASH_OPEN = re.compile(r"^(?:——|──|－－|--|—)")   # a —— subtitle (副题) opens with a dash
# a pull quote's number (1目前，…), not a quantity with its measure word (2亩多稻田)
NUMBERED = re.compile(r"^[1-9](?=[\u4e00-\u9fff“《])(?![年月日号时分秒万亿元个位条项家倍亩斤吨余多户辆台件座栋套篇届千百枚名次只张批类组周颗棵份架艘例宗轮款匹])")
SPEAKER = re.compile(r"^[\u4e00-\u9fff·]{1,8}[：:](?!\s*$)")
# a news lead's dateline: 本报讯 or 新华网联合国9月12日电 (the article's text starts here)
DATELINE = re.compile(r"^(?:本报讯|[\u4e00-\u9fff]{2,12}\d{1,2}月\d{1,2}日电)")
# 本报讯 as a credit: alone, or before a space, a bracket, 记者 or 通讯员 (本报讯新观察 is a headline)
CREDIT_NEWS = r"本报讯(?=\s|[（(]|记者|通讯员|$)"
BYLINE = re.compile(r"^(?:本报(?:特约)?记者|本报通讯员|" + CREDIT_NEWS + r"|记者|通讯员|特约撰稿人|来源[：:]|文/|图/|文图/|摄影|本报评论员"
                    r"|据[\u4e00-\u9fff]{2,6}(?:社|台|网|报)电(?:\s|$))"
                    r"|(?:报|台|社|网|新闻)(?:记者|通讯员)\s*\S{2,4}(?:\s+\S{2,4})*$"
                    r"|^\S{2,12}(?:记者|通讯员)\s+[\u4e00-\u9fff]{1,4}(?:\s+[\u4e00-\u9fff]{1,4})*$"
                    r"|^[\u4e00-\u9fff]{1,8}(?:网|报|社|台|电视台)\s+[\u4e00-\u9fff]{1,4}(?:\s+[\u4e00-\u9fff]{1,4})*$"
                    r"|^[\u4e00-\u9fff]{0,8}(?:报|台|社|网|新闻)(?:记者|通讯员)[\u4e00-\u9fff]{2,3}(?:、[\u4e00-\u9fff]{2,3})*$")
# a byline word followed at once by running text, not a name (记者走进多地工厂)
_BYLINE_THEN_TEXT = re.compile(r"^(?:记者|通讯员)[\u4e00-\u9fff]{5,}|^(?:本报讯|本报记者|记者|通讯员)[、，。；！？”]"
                               r"|^(?:本报记者|记者|通讯员)[\u4e00-\u9fff]*\d"   # no name has a digit (记者自2013年…, 记者安勇炫在2014年…)
                               r"|^(?:本报讯|[\u4e00-\u9fff]{2,4}社?电)\s*[（(][^）)]{2,30}[）)]\s*\S{2,}"
                               r"|^本报讯(?:记者|通讯员|[（(])\S*[^）)\s]$")   # a dateline set solid: its paragraph's first line

def open_marks(text: str, pair: str = "“”") -> int:
    """How many more opening than closing marks of ``pair`` ``text`` has: above
    0, a quotation (or a 《title》) is still open and the text goes on.

    >>> open_marks("他说：“农民土地入股"), open_marks("“部长通道”集体采访"), open_marks("《成果文件", "《》")
    (1, 0, 1)
    """
    return text.count(pair[0]) - text.count(pair[1])


LATIN = re.compile(r"[0-9A-Za-z]")   # a digit or letter: narrower than a Chinese character, a line's width uncertain


def narrow_slack(text: str) -> int:
    """Half-em units the digits and Latin letters of ``text`` may take beyond
    the half each is counted as (set, they take about three quarters): a line
    this much short may still fill its column.

    >>> narrow_slack("在2014年两会召开前夕"), narrow_slack("股份，收割时农民得30%的利润，农"), narrow_slack("两会")
    (2, 1, 0)
    """
    return (len(LATIN.findall(text)) + 1) // 2


_STOP_INSIDE = re.compile(r"[。！？；][^）)]")   # a sentence ends inside it: text, not a name (记者提问。密集的…)


def number_then_unit(a: str, b: str, about: bool = False) -> bool:
    """``a`` ends in a number and ``b`` starts with its unit: one run of text (1848|年).
    With ``about``, an approximate count too (120|余家, 30|多个): within one column's
    lines that is as sure, across columns too weak a sign (多 opens many words).

    >>> number_then_unit("尤其是本月14日、16", "日，本市"), number_then_unit("第3", "版"), number_then_unit("合称。", "年")
    (True, False, False)
    >>> number_then_unit("企业等120", "余家"), number_then_unit("企业等120", "余家", about=True)
    (False, True)
    """
    return a[-1:].isdigit() and bool(UNIT_START.match(b) or about and b[:1] in "余多")


_PUSHED = re.compile(r"^[\u4e00-\u9fff][，、；：]")


def pushed_with_mark(text: str) -> bool:
    """``text`` opens with one character and a mark that cannot start a line:
    the character went down with its mark, so the line above was full
    (樊明武今年80岁 | 了，自诩…).

    >>> pushed_with_mark("了，自诩“80后”"), pushed_with_mark("记者：请谈谈"), pushed_with_mark("，并且")
    (True, False, False)
    """
    return bool(_PUSHED.match(text))


def is_byline(text: str) -> bool:
    """A byline: 本报记者 陈 曦, 成都日报锦观新闻记者 钟文, 来源：中国网 工藤哲.

    >>> is_byline("本报记者 陈 曦"), is_byline("成都日报锦观新闻记者 钟文"), is_byline("记者：您最关注中国哪些热点")
    (True, True, False)
    >>> is_byline("人民网 陈 杰"), is_byline("新华社 张三"), is_byline("人民网 记者报道，市场回暖")
    (True, True, False)
    >>> is_byline("据新华社电 记者崔刚静"), is_byline("据新华社电，今年以来")
    (True, False)
    >>> is_byline("记者走进多地工厂"), is_byline("本报讯、本报记者的稿件"), is_byline("新华社记者张明、李华")
    (False, False, True)
    >>> is_byline("记者自2013年1月被派驻北"), is_byline("记者提问。密集的“部长声"), is_byline("记者田中一郎在2019年两会召开前")
    (False, False, False)

    The dateline of a brief runs straight into its text (本报讯（记者 王建）为进一步…):

    >>> is_byline("本报讯（记者 王建）为进一步深化"), is_byline("本报讯（记者 王建）")
    (False, True)

    Set solid, with no space, it is a paragraph's first line running on (本报讯记者吴心怡通讯员贺 |
    发胜过去几天，…); closed, it may stand alone:

    >>> is_byline("本报讯记者吴心怡通讯员贺"), is_byline("本报讯（张名建刘丽"), is_byline("本报讯（记者王建）")
    (False, False, True)

    本报讯 is a credit only before a name, a bracket or a space; run on
    into other words it is a line of its own (a brief's headline):

    >>> is_byline("本报讯 记者 吴心怡"), is_byline("本报讯"), is_byline("本报讯新观察")
    (True, True, False)
    """
    if len(text) > 40 or SPEAKER.match(text) and not text.startswith("来源"):
        return False
    if _BYLINE_THEN_TEXT.match(text) or _STOP_INSIDE.search(text):
        return False
    return bool(BYLINE.search(text)) and not ends_sentence(text) and "，" not in text


_SPEECH_VERBS = ("说", "称", "道", "表示", "指出", "认为", "强调", "介绍", "感悟", "感慨", "写道")


def _clause_goes_on(rest: str) -> bool:
    """What follows a colon opens with a clause or end mark: a sentence going on (包起帆：，您怎么看？),
    or a name cut out of a question (您如何看待 | 潘兰英：？), no label."""
    return rest.startswith(("，", "。", "、", "；", ",", "？", "！", "?", "!"))


def _opening_label(text: str, quoted: bool) -> str:
    """The label before the colon opening ``text`` when it names someone and
    what follows the colon is (``quoted``) or is not a quotation; else ''."""
    m = SPEAKER.match(text)
    if not m:
        return ""
    label, rest = m.group(0)[:-1], text[m.end():].lstrip()
    if rest.startswith(("“", "「", "\"")) != quoted or not quoted and _clause_goes_on(rest):
        return ""      # (not) a quotation, or a clause going on (包起帆：，您怎么看？)
    return "" if label.endswith(_SPEECH_VERBS) or not names_someone(label) else label


def asks_on(text: str) -> bool:
    """``text`` opens with the label of the side that asks (记者：, 提问：) and has
    neither asked its question nor ended its sentence: the question goes on, and a
    word and a colon after it name the thing asked about, not the next speaker
    (提问：您如何看待 | 新业态：无人机？).

    >>> asks_on("提问：您如何看待"), asks_on("提问：您如何看待新业态？"), asks_on("万勇芳：从太空俯瞰地")
    (True, False, False)
    """
    return not ends_sentence(text) and not text.endswith(("：", ":")) and not re.search("[？?]", text) \
        and bool(ASKER.search(speaker_label(text)))


def speaker_label(text: str) -> str:
    """The speaker label opening a Q&A turn, or ''.

    >>> speaker_label("锦观智库：成都是西部"), speaker_label("闫博文：一般来讲"), speaker_label("他说：")
    ('锦观智库', '闫博文', '')

    A colon opening a quotation is speech inside a sentence, not a turn:

    >>> speaker_label("分享心得：“人可以"), speaker_label("包起帆：，您怎么看？")
    ('', '')

    Nor is one character that is no surname: the end of a name cut by a line end
    (记者：请谈谈包起 | 帆：方面的情况。).

    >>> speaker_label("帆：方面的情况。"), speaker_label("李：今年的重点是什么？")
    ('', '李')
    """
    return _opening_label(text, quoted=False)


def place_label(text: str) -> str:
    """The place names before a colon opening ``text`` (a headline's "where:
    what", or a dateline), or '': no speaker, but like a speaker's label the
    start of a new block.

    >>> place_label("黑龙江鸡西：金秋水稻收割忙"), place_label("杭州：智慧停车"), place_label("闫博文：一般来讲")
    ('黑龙江鸡西', '杭州', '')
    """
    m = SPEAKER.match(text)
    return m.group(0)[:-1] if m and is_place(m.group(0)[:-1]) else ""


def quoted_label(text: str) -> str:
    """The label before a colon that opens a quotation (姚琳峰：“线上科创通…), or ''.

    Alone this is speech inside a sentence (``speaker_label`` says no turn);
    a label that also opens turns elsewhere on the page makes it one.

    >>> quoted_label("姚琳峰：“线上科创通+线下科创岛”服务模式"), quoted_label("分享心得：“人可以"), quoted_label("姚琳峰：今年")
    ('姚琳峰', '', '')
    """
    return _opening_label(text, quoted=True)


# the interview's own verbs, which do label turns (提问：… 答：…)
_TURN_VERBS = frozenset({"问", "答", "提问", "回答", "答问", "追问", "主持"})


# the commonest Chinese surnames (about 85 % of people bear one of them): a label of two or three
# characters that opens with one and is no dictionary word is a person's name the dictionary does not
# know (唐晨强, cut as 唐晨 | 强 with a verb in it)
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴"
    "莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪"
    "梅童凌毕单季裴霍涂苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶牟艾尤穆卓古吉缪车项连麦褚娄"
    "窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬边卞姬栾隋刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝赖")


def unknown_name(label: str) -> bool:
    """Two or three characters opening with a common surname that the
    dictionary does not know as one word: a person's name.

    >>> [unknown_name(x) for x in ("唐晨强", "常明明", "王峰琳")]
    [True, True, True]
    >>> [unknown_name(x) for x in ("高质量", "方法", "据我所知", "全市")]
    [False, False, False, False]
    """
    return 2 <= len(label) <= 3 and label[0] in SURNAMES and not is_word(label)


def name_cut(line: str, label: str) -> bool:
    """A label of two characters under a line that ends with a surname: the rest of
    a name a line end cut (请谈谈潘 | 兰英：方面的情况), not a new speaker.

    >>> name_cut("中新社记者：请谈谈潘", "兰英"), name_cut("这是他的回答。", "兰英"), name_cut("请谈谈", "兰英")
    (True, False, False)
    """
    return len(label) == 2 and not ends_sentence(line) and line[-1:] in SURNAMES and unknown_name(line[-1] + label)


# the last character of a place's name: a province, city, county, district, town, village, country
_PLACE_END = tuple("省市县区州镇乡村国")


@functools.lru_cache(maxsize=4096)
def is_place(label: str) -> bool:
    """Place names only: two or more (黑龙江鸡西, 四川成都), or one that ends like a place's
    name (杭州, 韩国).  The dictionary tags some foreign persons' names as places
    too (普京, 苏亚雷斯): one such word alone is not taken for a place.

    >>> [is_place(x) for x in ("黑龙江鸡西", "杭州", "普京", "苏亚雷斯", "闫博文")]
    [True, True, False, False, False]
    """
    tags = [t for _, t in tagged(label)]
    return bool(tags) and all(t == "ns" for t in tags) and (len(tags) >= 2 or label.endswith(_PLACE_END))


@functools.lru_cache(maxsize=4096)
def names_someone(label: str) -> bool:
    """A label names a speaker (a person, a role, an outlet), not the start of
    a sentence: one dictionary word that is no noun (展望：, 据我所知：, 低：),
    words with a verb or a function word in them (具体预报为：, 我建议：) unless
    they open with a personal name are no speaker.  The interview's own verbs
    (提问：, 答：) are.

    >>> [names_someone(x) for x in ("梁晨帆", "中新社记者", "提问", "蒋立新", "唐晨强")]
    [True, True, True, True, True]
    >>> [names_someone(x) for x in ("展望", "具体预报为", "我建议")]
    [False, False, False]

    One character names someone only as a surname (李：…, the name given in full before): 帆：… is
    the end of a name cut by a line end (请谈谈包起 | 帆：方面的情况).

    >>> [names_someone(x) for x in ("李", "帆", "问")]
    [True, False, True]

    Place names alone name a place, not a speaker: a headline's "where: what"
    (黑龙江鸡西：金秋水稻收割忙) or a dateline (``is_place``).

    >>> [names_someone(x) for x in ("黑龙江鸡西", "杭州", "普京", "新华社")]
    [False, False, True, True]
    """
    if label in _TURN_VERBS:
        return True
    if len(label) == 1:
        return label in SURNAMES      # 李：… (a name given in full before), not 帆：方面的情况 (a name cut by a line end)
    if is_place(label):
        return False
    if unknown_name(label):
        return True
    tag = word_tag(label)
    if tag:
        return tag.startswith("n")
    tags = [t for _, t in tagged(label)]
    return tags[0].startswith("nr") or not any(t.startswith(("v", "p", "d", "r", "c", "u")) for t in tags)


# the end of an organisation's name (市住房城乡建设局, 省科技厅, 某某研究院)
ORG_END = re.compile(r"(?:局|厅|委|部|院|所|办|会|司|处|中心|公司|集团|大学|学院|学校|协会|银行)$")
LONG_LABEL = re.compile(r"^([\u4e00-\u9fff、·]{4,40}?"
                        r"(?:长|任|记|席|表|员|理|人|授|监|裁|家|官|师|者)[\u4e00-\u9fff·]{2,4})[：:](?!\s*$)")


REPORTER_LABEL = re.compile(r"^([\u4e00-\u9fff·]{0,16}记者)[：:](?!\s*$)")   # 中央电视台新闻中心记者：


def long_speaker_label(text: str) -> str:
    """A speaker label of title and name (printed over two or three lines
    before the colon): 市交通运输局党组书记、局长张建国：…  ('' if none).

    Only office words and 、 before the colon, ending in a role word and a
    name; the turn must go on after it.

    >>> long_speaker_label("市交通运输局党组书记、局长张建国：今年重点抓好轨道交通")
    '市交通运输局党组书记、局长张建国'
    >>> long_speaker_label("中央电视台新闻中心记者：非常荣幸见到各位科学家。")
    '中央电视台新闻中心记者'
    >>> long_speaker_label("他在会上说：今年重点抓好轨道交通")
    ''

    Words of speech before the colon are a sentence going on, not a turn:

    >>> long_speaker_label("学子们分享人生感悟：“人可以不伟大，但是不能没有责任心。")
    ''
    """
    m = LONG_LABEL.match(text) or REPORTER_LABEL.match(text)
    if not m or len(text) <= len(m.group(0)) + 6:
        return ""
    return "" if m.group(1).endswith(_SPEECH_VERBS) else m.group(1)


def label_head(p: str, n: str) -> bool:
    """``p`` is the first line of a speaker label that ``n`` finishes: with
    ``n``'s short label it makes a title-and-name label, and ``n``'s label is
    no reporter's label of its own (a subhead over 记者：… stays a subhead).

    >>> label_head("市应急管理局副局", "长贾燕：开辟发展新赛"), label_head("局党组书记、局", "长张建国：今年")
    (True, True)
    >>> label_head("加快建设物流体系", "记者：请谈谈"), label_head("加快建设物流体系", "王东：请谈谈")
    (False, False)

    The name's tail before the colon is read by its form alone, whatever the
    dictionary makes of one character (洋, 瑶), and the answer may open with a
    quotation:

    >>> label_head("市住房城乡建设局局长杜怡", "洋：刘结一在致辞中说"), label_head("市应急管理局副局长何", "燕：“随着各项落实")
    (True, True)
    >>> label_head("市住房城乡建设局", "局长唐燕静：联合国大"), label_head("加快建设物流体系", "局长唐燕静：联合国大")
    (True, False)
    """
    m = SPEAKER.match(n)
    own = m.group(0)[:-1] if m else ""
    # (a label of five or six characters, a title and a name, finishes a line that ends with an
    # organisation's name: 市住房城乡建设局 | 局长唐燕静：…)
    if not own or len(own) > (6 if ORG_END.search(p) else 4) or own.endswith(("记者", "问", "答")):
        return False
    if _clause_goes_on(n[m.end():].lstrip()):
        return False
    m = LONG_LABEL.match(p + n)
    return "、" in p or bool(m) and len(m.group(1)) > len(p)


# the masthead line (paper, date, editors) under the page number, not a jump line at a column's end
MASTHEAD_LINE = re.compile(r"责任编辑|美术编辑|星期[一二三四五六日天]")
# page furniture lines (the masthead, a proofreader's credit, a page label, a jump line): not part of any column
FURNITURE_LINE = re.compile(MASTHEAD_LINE.pattern + r"|校对|^第\s*\d{1,3}\s*版"
                            r"|^[（(]?(?:下转|上接|接|转)第\s*[\d一二三四五六七八九十]{1,3}\s*版[）)]?$")


def is_furniture(text: str) -> bool:
    """Page furniture: editor credits, the date line, a 下转第N版 jump line.

    >>> is_furniture("下转第6版"), is_furniture("（上接第1版）"), is_furniture("下转第6版的稿件")
    (True, True, False)
    """
    return bool(FURNITURE_LINE.search(text))


def furniture_line(ln: Line) -> bool:
    """A line of the page's furniture: the page header by its place (``Line.header``:
    the section name by the page number) or furniture by its words (``is_furniture``).
    No column's text, whatever its width; every stage that reads columns skips it.

    >>> furniture_line(Line(3, "", "责任编辑 谢磊玲 美术编辑 许峰霞", 32)), furniture_line(Line(1, "", "要闻", 4, header=True))
    (True, True)
    >>> furniture_line(Line(5, "", "今年以来，我市坚持以高质", 24))
    False
    """
    return ln.header or is_furniture(ln.text)


# a short section tag set above a headline or a column (简讯, 法律, □综合, 本地新闻)
_TAG = re.compile(r"^[□■◆●▲★]?[\u4e00-\u9fff]{2,4}$")
_SPACED_TAG = re.compile(r"^[\u4e00-\u9fff](?: [\u4e00-\u9fff]){1,3}$")   # set letter-spaced: 简 讯, 本 地 新 闻


def is_section_tag(text: str) -> bool:
    """A tag of two to four characters such as 简讯, □综合 or 本地新闻, not part of a headline.

    >>> is_section_tag("简讯"), is_section_tag("□综合"), is_section_tag("本地新闻"), is_section_tag("弱冷空气来临")
    (True, True, True, False)
    >>> is_section_tag("简 讯"), is_section_tag("本 地 新 闻"), is_section_tag("林丹四度封王 辽宁男篮登顶")
    (True, True, False)
    """
    return bool(_TAG.match(text) or _SPACED_TAG.match(text))


# the names of a paper's sections and news columns: a closed class (a named column,
# 东西问, is a headline's kicker; these label the column of articles under them)
GENERIC_SECTIONS = frozenset("""简讯 快讯 短讯 要闻 本地新闻 国内新闻 国际新闻 综合 国内 国际 经济 财经 社会 民生 城市 区县
    科技 教育 法治 文化 体育 评论 时政 视点 农业 乡村 健康 副刊""".split())


def generic_section(text: str) -> bool:
    """A section's generic name (简讯, 本 地 新 闻), never a headline's kicker.

    >>> generic_section("简 讯"), generic_section("□综合"), generic_section("东西问"), generic_section("雪后古镇")
    (True, True, False, False)
    """
    return is_section_tag(text) and text.replace(" ", "").lstrip("□■◆●▲★") in GENERIC_SECTIONS


# a name set alone over a profile's subhead, or over an answer's first line (包起帆：)
NAME_LABEL = re.compile(r"^[\u4e00-\u9fff·]{2,8}[：:]$")


_TWO_PHRASES = re.compile(r"^[\u4e00-\u9fff“”《》、，]{2,}[ \u3000][\u4e00-\u9fff“”《》、，]{2,}$")


def two_phrases(text: str) -> bool:
    """Two phrases set apart by a space, no digits: a headline's line (苏亚雷斯　暴雨如注) or a
    byline (本报记者 贺燕); running text has no space between two characters.

    >>> two_phrases("苏亚雷斯 暴雨如注"), two_phrases("智慧口岸　冷链物流"), two_phrases("夜温差较为明显，早晚外出")
    (True, True, False)
    >>> two_phrases("市 民 出 行"), two_phrases("气温 19 度")
    (False, False)
    """
    return bool(_TWO_PHRASES.match(text))


_SPACE_BETWEEN_CHARACTERS = re.compile(r"[\u4e00-\u9fff][ \u3000][\u4e00-\u9fff]")


def phrases_apart(text: str) -> bool:
    """``two_phrases`` with the space between two characters and no clause mark: a
    headline's or subhead's line; on the gold of the tuning pages no paragraph line is one.

    >>> phrases_apart("无人机　实现线上线下互联互通"), phrases_apart("本报讯 受冷空气影响，预计")
    (True, False)
    >>> phrases_apart("为车间装上“ 虚拟分")
    False
    """
    return two_phrases(text) and bool(_SPACE_BETWEEN_CHARACTERS.search(text)) and not BODY_PUNCT.search(text)


def headline_line(text: str) -> bool:
    """A printed headline line: short, no sentence end inside it, no open
    ending (a comma may stand inside: 劳模，是他们共同的名字).

    >>> headline_line("劳模，是他们共同的名字"), headline_line("——2011年全国劳模休养活动群像素描")
    (True, True)
    >>> headline_line("人才。我要用自己的亲身"), headline_line("现在年轻人认为，成为博士、")
    (False, False)
    """
    return 0 < len(text) <= 30 and not re.search("[。；]", text) and not re.search("[！？]", text[:-1]) \
        and not ends_open(text)


# ---- widths ---------------------------------------------------------------------------

def column_width(widths: list[int], own: int = 0) -> int:
    """The full width of the column these line widths come from.

    The widest width that at least two lines (and a quarter of them) share,
    within one unit: a column's full lines are its widest common width,
    while first lines, last lines and headlines are fewer or narrower.

    >>> column_width([28, 28, 24, 28, 10, 28, 27])
    28
    >>> column_width([66, 70, 42, 14])
    70

    A column much wider than the line itself and than most of its
    neighbours (a headline across columns) is not its column:

    >>> column_width([120, 126, 125, 30, 34, 34, 34, 32], own=30)
    34
    """
    ws = [w for w in widths if w >= 8]
    if ws:
        cap = 1.5 * max(own, sorted(ws)[len(ws) // 2])
        ws = [w for w in ws if w <= cap] or ws
    if not ws:
        return max(widths, default=0)
    need = max(2, len(ws) // 4)
    sup = {w: sum(1 for v in ws if abs(v - w) <= 1) for w in set(ws)}
    wide = [w for w, c in sup.items() if c >= need]
    if wide:
        return max(wide)
    return max(sup, key=lambda w: (sup[w], w))


def gap(ln: Line, block_lines: list[Line] | None = None) -> int:
    """How much narrower than its column a line is (judged from the lines before it).

    Inside a block of three or more lines, the column is judged from the
    block's own lines (the lines before the block may be another column).
    """
    if block_lines and len(block_lines) >= 3 and block_lines[-1] is ln:
        return column_width([b.width for b in block_lines[-8:]], ln.width) - ln.width
    return ln.colw_back - ln.width


def gap_fwd(ln: Line) -> int:
    """How much narrower than the column after it a line is."""
    return ln.colw_fwd - ln.width


def firstlike(ln: Line) -> bool:
    """A paragraph's first line: about two characters narrower than its column.

    >>> ln = Line(no=1, raw="", text="下一步，将重点推进", width=18, colw_fwd=22)
    >>> firstlike(ln)
    True
    """
    return 3 <= gap_fwd(ln) <= 7 and not ends_sentence(ln.text)


def letterspaced(ln: Line) -> bool:
    r"""The extractor set the line's characters apart (江 门 五 邑 保 存 有 大 量 侨): pdfminer
    does so to body lines stretched to their column, never (on the gold of 640 pdfminer tuning
    and dev cases: 3,640 such lines, none of a title or subhead) to a headline's.

    >>> from kanbao.lines import split_lines
    >>> [letterspaced(ln) for ln in split_lines("江 门 五 邑 保 存 有 大 量 侨\n我市气温将下降3℃~5℃")[0]]
    [True, False]
    """
    return "unspace_letterspaced" in ln.fixes


def goes_on(last: Line, first: Line) -> bool:
    """``first`` can go on from ``last`` in one paragraph: a full line of the
    same column, not an indented first line (by width or by the space set before it), a label, a dateline
    or a byline.

    >>> goes_on(Line(1, "", "关于全面深化改革的若干", 22, colw=22), Line(2, "", "重大问题的决定，对全市深", 24, colw=24))
    True
    >>> goes_on(Line(1, "", "关于全面深化改革的若干", 22, colw=22), Line(2, "", "本报记者 王 芳", 16, colw=24))
    False
    """
    return not firstlike(first) and not first.leading_space and not speaker_label(first.text) and not DATELINE.match(first.text) \
        and not is_byline(first.text) and abs(first.colw - last.colw) <= 4 and first.width >= first.colw - 4


def is_full(ln: Line, slack: int = 1) -> bool:
    """The line fills its column (within ``slack``), judged from both sides."""
    return ln.width >= max(ln.colw_back, ln.colw) - slack


def wrap_remainder(a: str, b: str) -> bool:
    """A plain line of at most four characters under a line at least twice as
    long is that line's end, wrapped: no kicker, title or subtitle is that short
    below a long line.

    >>> wrap_remainder("一台台收割机将饱满稻穗卷入", "其中"), wrap_remainder("侨批", "东西问"), wrap_remainder("江门五邑侨批中有何家国密码？", "——专访")
    (True, False, False)
    """
    return 0 < len(b) <= 4 and len(a) >= 2 * len(b) and not DASH_OPEN.match(b) \
        and not BODY_PUNCT.search(a[-1]) and a[-1] not in "：:！？。”」"


# ---- evidence across a join -------------------------------------------------------

UNIT_STRENGTH = 8.0   # a number and its unit across a join
SURE_JOIN = 10.0      # a mark that cannot start a line after an open line: a join no width evidence weighs against
LOCAL_STRENGTH = 3.0  # a string the page prints elsewhere across a join (plus its count)


def strength(a: Line, b: Line, pw: PageWords | None = None) -> float:
    """Graded evidence that ``b`` is the next line after ``a`` in one column.

    A mark that cannot start a line after an open line is the strongest (10);
    then a number and its unit (1848|年, 8); else the larger of how much a
    dictionary word across the join raises the text's likelihood
    (``words.join_gain``: 0 when none, capped at 12) and a string the page
    prints elsewhere (五|邑, with ``pw``: 3 plus how often it is printed).

    >>> from kanbao.lines import split_lines
    >>> ls, _ = split_lines("推动我国经\\n\\n济整体运行\\n\\n主持人：你好")
    >>> strength(ls[0], ls[1]) > 5, strength(ls[0], ls[2])
    (True, 0.0)
    >>> ls, _ = split_lines("更大。1848\\n年美国加州\\n大多来自五\\n邑？保存至今")
    >>> pw = PageWords(["江门五邑侨批", "五邑人多", "五邑华侨", "近代到北美等地谋生的华侨大多来自珠江三角洲"])
    >>> strength(ls[0], ls[1]), strength(ls[2], ls[3]), strength(ls[2], ls[3], pw)
    (8.0, 0.0, 6.0)
    """
    t, u = a.text, b.text
    if not t or not u or is_furniture(u) or is_furniture(t) or ends_sentence(t):
        return 0.0
    if u[0] in NO_LINE_START:
        return SURE_JOIN
    if number_then_unit(t, u):
        return UNIT_STRENGTH                      # 1848|年
    local, count = pw.across(t, u) if pw is not None else ("", 0)
    page = min(12.0, LOCAL_STRENGTH + count) if local else 0.0   # 五|邑: a string the page prints elsewhere
    return max(page, min(12.0, join_gain(t, u)))
