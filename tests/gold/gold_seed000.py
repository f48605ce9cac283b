"""Gold reconstruction of seeds/000_e92b42195bf00fd7.txt (成都日报 page 07).

Written by hand from reading the Chinese text of the raw dump (not generated,
and not derived from the project's converter output), as an independent
reference for scoring.  Same format as ../shared/eval/dev/gold_*.py: every
block is a list of 1-based line ranges of the raw .txt; its text is those
lines joined with no separator, each stripped (blank lines inside a range
contribute nothing).

Usage, from the project root (/work/main):

    python ../shared/eval/score_site.py SITE seeds/000_e92b42195bf00fd7.txt \
        --gold tests/gold/gold_seed000.py

Page structure:
  A  interview 《锦观智库·经济观察+》 with 闫博文.  Intro (1-3, 5-6) on top;
     the three questions (488-506), their two-line section subheads
     (492-493, 500-501, 508-509) and the headline (83) are displaced; the
     answers are in the body: Q1 -> 85-143, Q2 -> 145-185, Q3 -> 7-79
     (matched by meaning: 新赛道 / 0到1、三类主体 / 供给和需求两端).
     Byline 81.  Pull quotes 512-530 (numbers 1/2/3 on 511/518/525).
  B  logistics feature 成都加快建设现代物流供应链体系 / 畅通实体经济“筋络”
     (title 269-270, no byline).  Lead 272-338 (narrow column, a blank line
     after every line).  Body read as 340-417 (航线/班列/枢纽/重点项目),
     419-487 (进解优促, 企业出海), then 187-268 (创新口岸监管模式降低物流
     成本), which appears before the headline in the file but closes the
     article (its last sentence echoes the title: 畅通实体经济“筋络”).
     The order of 340-417 vs 419-487 is the file order (the lead lists
     出海 before 项目, but the text gives no firm signal).

Lines in no block: 511, 518, 525 (lone pull-quote numbers).  The page
number "07" glued to the start of line 1 is removed by FIXUPS.
"""

SEED = "000_e92b42195bf00fd7.txt"

# (kind, [(first_line, last_line), ...])
#   kind: title | subhead | para | question | answer | pullquote | byline
ARTICLES = [
    {
        "id": "A",   # 锦观智库 interview, 闫博文
        "title": [(83, 83)],
        "byline": [(81, 81)],
        "ordered_sections": True,
        "sections": [
            {"heading": None, "blocks": [
                ("para", [(1, 3)]),
                ("para", [(5, 6)]),
            ]},
            {"heading": [(492, 492), (493, 493)], "blocks": [
                ("question", [(488, 490)]),
                ("answer", [(85, 88)]),
                ("para", [(90, 107)]),
                ("para", [(109, 127)]),
                ("para", [(129, 143)]),
            ]},
            {"heading": [(500, 500), (501, 501)], "blocks": [
                ("question", [(495, 498)]),
                ("answer", [(145, 185)]),
            ]},
            {"heading": [(508, 508), (509, 509)], "blocks": [
                ("question", [(503, 506)]),
                ("answer", [(7, 20)]),
                ("para", [(22, 51)]),
                ("para", [(53, 79)]),
            ]},
        ],
        "pullquotes": [[(512, 516)], [(519, 523)], [(526, 530)]],
    },
    {
        "id": "B",   # 现代物流供应链体系 / 畅通实体经济“筋络”
        "title": [(269, 269), (270, 270)],
        "ordered_sections": True,
        "sections": [
            {"heading": None, "blocks": [      # lead (narrow column)
                ("para", [(272, 278)]),
                ("para", [(280, 292)]),
                ("para", [(294, 312)]),
                ("para", [(314, 338)]),
            ]},
            {"heading": None, "blocks": [      # 通道 and 重点项目
                ("para", [(340, 350)]),
                ("para", [(352, 360)]),
                ("para", [(362, 369)]),
                ("para", [(371, 377)]),
                ("para", [(379, 387)]),
                ("para", [(389, 398)]),
                ("para", [(400, 407)]),
                ("para", [(409, 417)]),
            ]},
            {"heading": None, "blocks": [      # 进解优促, 助企出海
                ("para", [(419, 424)]),
                ("para", [(426, 433)]),
                ("para", [(435, 442)]),
                ("para", [(444, 445)]),
                ("para", [(447, 453)]),
                ("para", [(455, 460)]),
                ("para", [(462, 469)]),
                ("para", [(471, 478)]),
                ("para", [(480, 487)]),
            ]},
            {"heading": None, "blocks": [      # 口岸监管, closes the article
                ("para", [(187, 194)]),
                ("para", [(196, 207)]),
                ("para", [(209, 218)]),
                ("para", [(219, 226)]),
                ("para", [(228, 233)]),
                ("para", [(235, 238)]),
                ("para", [(239, 251)]),
                ("para", [(253, 258)]),
                ("para", [(260, 268)]),
            ]},
        ],
        "pullquotes": [],
    },
]

# text fixes applied after joining: (line, old_prefix, new_prefix)
FIXUPS = [(1, ' 07', '')]
