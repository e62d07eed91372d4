"""Organisations by suffix grammar: a run of name tokens that ends in an organisation suffix.

`区委统战部`, `中建七局西南公司`, `中泽（荆州）建设有限公司`: the last token ends in a suffix (部, 公司, 委 ...);
the name extends left over tokens that can be part of a name, and stops at punctuation, function words and
the verbs that introduce organisations (组织, 联合, 参加 ...). Common words that merely end like an
organisation (干部, 全部, 举办) are not organisations.
"""

from __future__ import annotations

import itertools
import operator
import re
from dataclasses import replace

from kgraph.extract.names import PLACES_IN
from kgraph.extract.names import SPECIFIC as _SPECIFIC
from kgraph.extract.names import SUFFIX_TOKENS as _SUFFIX_TOKENS
from kgraph.extract.places import SpanIndex, document_spans, extract_places, is_common
from kgraph.extract.tokens import FUNCTION_CHARS, Tokens, indices_ending_in, is_name_part, tokenize
from kgraph.gazetteer import load_gazetteer
from kgraph.lexicon import Lexicon
from kgraph.model import Mention
from kgraph.regex import compiled

_MAX_TOKENS = 7
_MAX_COMPANY_TOKENS = 12  # 安徽 + 三 characters of a trade name + 智能 制造 科技 + 有限公司
_MAX_CHARS = 24
_MAX_BODY_CHARS = 32  # 中国人民政治协商会议 + an autonomous prefecture + 第十届委员会
_SCOPE_CHARS = set("省市区县镇乡村州旗盟")
_ORDINAL = compiled(r"^第[一二三四五六七八九十]+$")
_SESSION = compiled(r"^第?[一二三四五六七八九十百]*届$")  # 八届, 第十届, and 届 after a number jieba cuts off
_NUMBER = compiled(r"^[一二三四五六七八九十百]+$")
_MEETING = compiled(r"^(?:第?[一二三四五六七八九十]+次)?(?:全体)?会议$|^[一二三四五六七八九十]+次会议$")
_BREAKS = frozenset({"驻"})  # 市纪委监委驻财政局纪检监察组: two organisations
# lone characters jieba reads as verbs, prepositions or 界 (a sector): 像宏盛集团, 其中有团委, 教育界某某, 作者系市委
_LONE_BREAKS = frozenset("像若似着过给替帮请有界系")
# bodies named by what they do (区委某某工作委员会, 某某援藏指挥部)
_VERB_BODIES = ("委员会", "小组", "中心组", "中心", "工作站", "实践所", "实践站", "车间", "指挥部")
_COMPANIES = ("公司", "集团", "厂")  # a company's name may hold verbs, numbers and Latin letters
_COMPANY_TAGS = frozenset({"v", "vn", "l", "m", "s", "f", "a", "an", "nr", "ns", "nz", "n", "j", "b", "i"})
# groups formed for one visit are no organisations; a delegation to a people's congress is (市人大某某代表团)
ONE_VISIT = ("考察团", "代表团", "调研组", "检查组", "视察组", "督查组", "督导组", "考察组", "参观团", "访问团",
             "慰问团", "观摩团", "调研团")
_CONGRESS = ("人大", "人民代表大会")


def is_one_visit_group(name: str) -> bool:
    """A group formed for one visit (党政代表团, 考察团); a delegation to a people's congress is a body."""
    return name.endswith(ONE_VISIT) and not (name.endswith("代表团") and any(c in name for c in _CONGRESS))
_COUNTED = compiled(r"[两二三四五六七八九十几多][省市区县镇乡村州旗]")  # 两县县委, 三市政府: several bodies
# national bodies whose whole name is an organisation suffix too: the democratic parties, 人民政协
_STANDALONE = frozenset({"民革", "民盟", "民建", "民进", "农工党", "致公党", "九三学社", "台盟", "人民政协"})
_GENERIC = frozenset({"单位", "部门", "企业", "学校", "医院", "政府", "公司", "协会", "机关", "组织", "中心", "基层",
                      "党委", "党组", "支部", "委员会", "小组", "领导小组", "工作组", "班子", "两委", "村两委"})


_SCOPED = compiled(r"^[省市区县镇乡村旗]|^[\u4e00-\u9fff]{2,6}?[省市区县镇乡村旗]")


def is_scoped(name: str) -> bool:
    """Whether an organisation's name says whose it is (区委, 荆州区马山中学); 宣传部 inside a title does not."""
    return bool(_SCOPED.match(name))


def _is_suffix_token(word: str, lex: Lexicon) -> str | None:
    """The organisation suffix a token (`word`) ends with, unless it is a common word that only looks like one.
    Remembered per word (`_SUFFIX_TOKENS`): the finders ask about the same tokens in article after article."""
    known = _SUFFIX_TOKENS.of(lex)
    if word in known:
        return known[word]
    suffix = known[word] = _suffix_token(word, lex)
    return suffix


def _suffix_token(word: str, lex: Lexicon) -> str | None:
    """`_is_suffix_token`, worked out."""
    suffix = lex.org_suffixes.suffix_of(word)
    if suffix is None or word in lex.title_heads or lex.org_false_endings.suffix_of(word):
        return None
    entry = lex.words.get(word)
    if entry and word != suffix and len(word) == 2 and entry[1] not in ("nt", "j") and entry[0] >= 50:
        return None  # 干部, 全部, 举办, 网站, 场所
    if entry and entry[1] in ("v", "vn", "l", "i", "d") and len(suffix) == 1 and word != suffix:
        return None  # 研究部署, 严肃查处: a verb phrase that ends in 署 or 处
    return suffix


def _is_part(word: str, lex: Lexicon, *, long_suffix: bool, company: bool = False) -> bool:
    """A token (`word`) inside an organisation's name: a name part (方位 words too: 学校周边办), a unit (中建七局), a
    session (市六届人大), or, before the suffix of a body (中心组, 委员会), a verb: 区委理论学习中心组; a company's
    name holds verbs, numbers and Latin letters too (中冶十一冶建设集团, ABC国际贸易公司)."""
    if word in lex.title_heads or word in lex.scope_stops or word in _BREAKS:
        return False
    if word in _LONE_BREAKS:
        return False
    if is_name_part(word, lex) or (_is_suffix_token(word, lex) and word[:1] not in FUNCTION_CHARS):
        return True
    if _ORDINAL.match(word) or _SESSION.match(word) or word in load_gazetteer().full_names:
        return True  # 李埠镇第四代表小组, 市六届人大, 岢岚县 (whatever jieba tags it)
    tag = lex.tag(word) or ""
    if company and (any(c.isascii() and c.isalpha() for c in word) or (len(word) > 1 and tag in _COMPANY_TAGS)):
        return True
    return len(word) > 1 and (tag == "f" or (long_suffix and tag in ("v", "vn", "l")))


def _continues(words: list[str], i: int, lex: Lexicon) -> bool:
    """Whether the name goes on after token i: 区委 + 统战部, or a one-character suffix glued to more name
    (离岸科 + 创中心, 市交管局 + 一大队)."""
    if i + 1 >= len(words):
        return False
    nxt = words[i + 1]
    if _is_suffix_token(nxt, lex):
        return not (nxt[:1] in _SCOPE_CHARS and _is_suffix_token(words[i], lex) and len(words[i]) > 1)
        # 宣城市委 | 市政府: a new jurisdiction starts a new organisation
    lone = len(words[i]) == 1  # a lone 科 or 局 is glued to the name around it
    return lone and len(nxt) == 1 and is_name_part(nxt, lex) and nxt not in _SCOPE_CHARS


def _left_edge(tokens: Tokens, last: int, lex: Lexicon) -> int:
    words = tokens.words
    first = last
    suffix = lex.org_suffixes.suffix_of(words[last]) or ""
    long_suffix = suffix.endswith(_VERB_BODIES)
    company = suffix.endswith(_COMPANIES)
    max_tokens, max_chars = (_MAX_COMPANY_TOKENS, _MAX_CHARS) if company else (_MAX_TOKENS, _MAX_BODY_CHARS)
    if suffix == "主席团":
        first = _presidium_start(words, last)
    named = False
    while first > 0 and last - first < max_tokens:
        prev = words[first - 1]
        if prev == "）" and first >= 3 and words[first - 3] == "（" and len(words[first - 2]) <= 4:
            candidate = first - 3  # 中泽（荆州）建设有限公司
        elif prev == "·" and first >= 2 and is_name_part(words[first - 2], lex):
            candidate = first - 1  # 中国非遗·马山民歌研究会
        elif (long_suffix and prev in lex.scope_stops and lex.tag(prev) == "v" and first >= 3
              and lex.tag(words[first - 2]) == "n" and _is_suffix_token(words[first - 3], lex)):
            candidate = first - 1  # 区委理论学习中心组: 学习 inside the name of 区委's body, not before it
        elif _NUMBER.match(prev) and words[first] == "届":
            candidate = first - 1  # 某某县十二届人民代表大会: jieba cuts 十二 | 届
        elif _city_before(words, first):
            candidate = first - 1
        elif prev == "代表" and _jurisdiction_at(words, first, loose=True):
            break  # 王小波代表县人民政府: 代表 is the verb "on behalf of"
        elif prev in _JOINS and last - first <= 2 and _joined_fields(words, first, lex):
            candidate = first - 2  # 文化和旅游厅, 科学与技术学院: one department of two fields
        elif _is_part(prev, lex, long_suffix=long_suffix, company=company):
            if _is_suffix_token(prev, lex) and (words[first][:1] in _SCOPE_CHARS or _glued(
                    words[first], True)) and prev not in _STANDALONE:
                break  # 区委 | 区政府: a new jurisdiction starts a new organisation (but 民盟 + 市委 is one)
            if company and named and len(prev) > 1 and ((lex.tag(prev) or "x")[:1] in "vli" or (
                    len(prev) >= 4 and lex.tag(prev) not in _PROPER_TAGS)):
                break  # 支持 | 宏盛集团: a trade (建设) follows the name; a verb or phrase before it is the text's
            named = named or len(prev) == 1 or (lex.tag(prev) or "") in _PROPER_TAGS
            candidate = first - 1
        else:
            break
        if tokens.ends[last] - tokens.starts[candidate] > max_chars:
            break
        first = candidate
    if words[first] == "（":
        first += 3
    while first < last and (first == 0 or words[first - 1] != "、") and not _named_place_at(words, first) \
            and not (company and len(words[first]) == 1) \
            and (lex.tag(words[first]) in ("f", "s", "v", "vn", "p", "c", "d", "r") or (
            len(words[first]) == 1 and words[first] not in _SCOPE_CHARS and
            (lex.tag(words[first]) or "x")[:1] in "vprdcuq")):
        first += 1  # an organisation starts with neither 周边 nor a verb (表中央, 送进医院, 组织…)
    return first


_JOINS = frozenset("和与")
_FIELD_TAGS = frozenset(("n", "vn", "l", "nz"))


def _joined_fields(words: list[str], first: int, lex: Lexicon) -> bool:
    """Whether `和`/`与` before token `first` joins two fields of one department's name (林业和草原局, 人力资源和
    社会保障局, 城乡建设和水利局), not two bodies (县委和县政府, 人大和政协) nor a word and a body (学校和医院): two
    nouns of two or more characters after a jurisdiction or a parent body, no body or title before the `和`, and
    after it a field (with its ending), not a jurisdiction nor a bare ending."""
    before, after = words[first - 2], words[first]
    return (len(before) >= 2 and len(after) >= 2 and after[0] not in _SCOPE_CHARS
            and lex.tag(before) in _FIELD_TAGS and not _is_suffix_token(before, lex)
            and before not in lex.title_heads and not lex.org_suffixes.suffix_of(before)
            and (lex.tag(after) in _FIELD_TAGS
                 or len(_is_suffix_token(after, lex) or after) < len(after))
            and any(_scope_token(words[i], lex) for i in range(max(0, first - 4), first - 2)))


def _scope_token(word: str, lex: Lexicon) -> bool:
    """A jurisdiction or a parent body that opens a department's name: 县, 贵州省, 某某大学."""
    return (word in _SCOPE_CHARS or word in load_gazetteer().by_name
            or lex.place_suffixes.suffix_of(word) is not None or _is_suffix_token(word, lex) is not None)


def _city_before(words: list[str], i: int) -> bool:
    """保定 (a verb to jieba) + 市委会, 保定 + 民进: a division's short name before its 市 or a party is the city."""
    return i > 0 and words[i - 1] in load_gazetteer().by_name and (
        words[i][:1] in "省市县州盟旗" or words[i] in _STANDALONE)


def _named_place_at(words: list[str], i: int) -> bool:
    """某县人民政府, 某某镇中心小学: one or two characters jieba reads as a verb or a measure word name the
    division or town right after them (a whole division name, or 镇, 乡, 村 next)."""
    if _jurisdiction_at(words, i) or (i + 1 < len(words) and _city_before(words, i + 1)):
        return True
    lone = 0
    while i + lone < len(words) and len(words[i + lone]) == 1 and words[i + lone] not in _SCOPE_CHARS:
        lone += 1
    return 1 <= lone <= 2 and i + lone < len(words) and words[i + lone] in ("镇", "乡", "村")


def _presidium_start(words: list[str], last: int) -> int:
    """县九届人大二次会议主席团, 大会主席团: a session's presidium is named by its meeting, which it takes in."""
    first = last
    if first > 0 and words[first - 1] == "大会":
        return first - 1
    if first > 0 and _MEETING.match(words[first - 1]):
        first -= 1
        if first > 0 and re.match(r"^第?[一二三四五六七八九十]+次$", words[first - 1]):
            first -= 1
    return first


def _jurisdiction_at(words: list[str], i: int, *, loose: bool = False) -> bool:
    """Whether a jurisdiction's name starts at token i: a one-character one (县, 市委) or a division's full name
    in one or two tokens (a measure word + 县); `loose`, a short name too (宣城)."""
    first = words[i]
    if first[:1] in _SCOPE_CHARS:
        return True
    gazetteer = load_gazetteer()
    if first in gazetteer.full_names or (loose and first in gazetteer.by_name):
        return True
    return i + 1 < len(words) and len(words[i + 1]) == 1 and first + words[i + 1] in gazetteer.full_names


_PROPER_TAGS = frozenset({"ns", "nz", "nt", "nr", "nrt", "nrfg"})
_NATIONAL = ("中国", "全国", "中华", "中共", "国家")
# a business's trade or owner's name is often no dictionary word: 宏盛纺织有限公司, 某某家庭牧场
_TRADE = ("公司", "集团", "厂", "牧场", "农场", "车间", "饭店", "宾馆")
# bodies named by their trade or their own name: 石油机械行业协会, 实验中学 (but not 中小学, 科技孵化中心)
_SELF_NAMED = ("会", "中学", "小学", "幼儿园", "大学", "学院")


def _short_scope(name: str, lex: Lexicon) -> bool:
    """区委办, 市作协, 县总工会: a one-character jurisdiction the paper's readers know (not 市场监管局, 区域)."""
    if name[:1] not in "省市区县州旗盟":
        return False
    entry = lex.words.get(name[:2])
    return not (entry and entry[0] >= 100 and name[1:2] not in "委政人纪")


def _division_first(name: str, lex: Lexicon) -> bool:
    """保定市委, 任县人民政府: the name opens with a division's full name, whatever jieba makes of its stem."""
    names = load_gazetteer().full_names
    return any(name[:size] in names and not is_common(name[:size], lex) for size in range(2, min(len(name), 9)))


def is_specific(name: str, lex: Lexicon) -> bool:
    """Whether a name says which organisation it is: a jurisdiction (区委办, 荆州小学), a place or proper name
    (马山民歌研究会, 楚峰建科), a number (中建七局, 第四代表小组); 科技孵化中心 or 街道纪工委 only name a kind,
    and stand for a full name printed nearby or for nothing in particular. Remembered per name (`_SPECIFIC`): a
    paper names the same bodies in article after article, and each answer reads the places of the name's
    modifier."""
    known = _SPECIFIC.of(lex)
    answer = known.get(name)
    if answer is None:
        answer = known[name] = _is_specific(name, lex)
    return answer


def _is_specific(name: str, lex: Lexicon) -> bool:
    """`is_specific`, asked anew."""
    if name in lex.org_names or name.startswith(tuple(_STANDALONE)) or _short_scope(name, lex) or "（" in name:
        return True
    if (name.startswith(_NATIONAL) and not name.startswith("国家级") and not name.endswith("机关")) or (
            _division_first(name, lex)):
        return True
    suffix = lex.org_suffixes.suffix_of(name) or ""
    modifier = name[: len(name) - len(suffix)]
    if not modifier:
        return False
    if suffix == "主席团" or (suffix in _STANDALONE and modifier in load_gazetteer().by_name):
        return True  # 大会主席团: the presidium of the session the article reports; 某市 + 民进
    if (len(modifier) >= 2 and suffix.endswith(_SELF_NAMED) and suffix not in ("委员会", "常委会")) or (
            extract_places(modifier, lex)):
        return True
    words = lex.cut(modifier, hmm=False)
    if any(load_gazetteer().by_name.get(word) and not is_common(word, lex) for word in words if len(word) > 1):
        return True
    singles: list[str] = []
    for word in [*words, ""]:
        if any(c.isascii() and c.isalnum() for c in word) or lex.tag(word) == "m":
            return True
        if len(word) > 1 and lex.tag(word) in _PROPER_TAGS and not (lex.tag(word) == "nr" and lex.is_word(word,
                                                                                                  min_freq=1000)):
            return True  # not 文明, which jieba tags as a given name
        if len(word) == 1 and word not in FUNCTION_CHARS:
            singles.append(word)
            continue
        if len(singles) >= 2 and (suffix.endswith(_TRADE) or any(lex.tag(c) in ("ns", "nz") for c in singles)):
            return True  # characters jieba knows no word for: a trade or proper name (宏盛, 楚峰)
        singles = []
    return False


def refer_back(text: str, mentions: tuple[Mention, ...], lex: Lexicon) -> tuple[Mention, ...]:
    """Keep the specific names; a name of a kind stands for the specific one it ends (离岸科创中心 after
    荆州（武汉）离岸科创中心, the nearest before it, else after it), or is no organisation (科技孵化中心).
    A name in brackets right after a specific one is its other name: 区社会组织孵化中心（社工总站）."""
    named = [is_specific(m.text, lex) for m in mentions]
    specific = list(itertools.compress(mentions, named))
    ends = {s.end for s in specific}
    # (a mention's flag stands for `m in specific`, a scan of the list that compared mentions field by field)
    other = [not flag and text[m.start - 1:m.start] == "（" and text[m.end:m.end + 1] == "）" and m.start - 1 in ends
             for m, flag in zip(mentions, named, strict=True)]
    specific += itertools.compress(mentions, other)
    kept = []
    for m, flag, bracketed in zip(mentions, named, other, strict=True):
        if flag or bracketed:
            kept.append(m)
            continue
        fuller = [s for s in specific if s.text.endswith(m.text) and len(s.text) > len(m.text)]
        if fuller:
            before = [s for s in fuller if s.start < m.start]
            kept.append(replace(m, refers=(before[-1] if before else fuller[0]).text))
        elif _department(text, m.text, m.start, lex):
            kept.append(m)
    return tuple(kept)


_DEPARTMENT = "局"
_PUBLIC_HOSPITALS = ("人民医院", "中医院", "中医医院", "妇幼保健院")


def _department(text: str, name: str, start: int, lex: Lexicon) -> bool:
    """教育局, 住建局, 交通运输局: a government department named by its field alone is the local one (and so is a
    人民医院); not 卫健局 of 县纪委监委驻卫健局纪检监察组, which names where another body sits."""
    if text[start - 1:start] in _BREAKS or not (2 <= len(name) <= 8):
        return False
    if name in _PUBLIC_HOSPITALS:
        return True
    field = name[:-len(_DEPARTMENT)]
    return name.endswith(_DEPARTMENT) and len(field) >= 2 and not any(c in FUNCTION_CHARS for c in field) and \
        (lex.tag(field) or "n")[:1] in "nvj"


def extract_orgs(text: str, lex: Lexicon, tokens: Tokens | None = None) -> tuple[Mention, ...]:
    """Organisation mentions in reading order, one per span: every name that ends in a suffix, specific or not
    (see `refer_back`)."""
    tokens = tokens if tokens is not None else tokenize(text, lex)
    words, starts = tokens.words, tokens.starts
    found: list[Mention] = []
    quoted = document_spans(text)
    candidates = indices_ending_in(text, tokens, lex.org_suffixes.last_chars)  # the few that may end in a suffix
    # and of those, the words already known to end none (most of them) passed over in C
    answers = map(_SUFFIX_TOKENS.of(lex).get, map(words.__getitem__, candidates), itertools.repeat(_UNASKED))
    for i in itertools.compress(candidates, map(operator.is_not, answers, itertools.repeat(None))):
        word, word_start, end = words[i], starts[i], tokens.ends[i]
        if _is_suffix_token(word, lex) is None or (quoted and any(s <= word_start < e for s, e in quoted)):
            continue
        if _continues(words, i, lex) or _not_an_ending(words, i):
            continue
        first = _left_edge(tokens, i, lex)
        after_body = first > 0 and bool(_is_suffix_token(words[first - 1], lex))
        start = starts[first] + _glued(words[first], after_body)
        name = text[start:end]
        if len(word) == 1 and word_start - start < 2:
            continue  # 您所, 迟办: a one-character suffix needs a name of two characters or more before it
        if "某" in text[max(0, start - 1):end] or _not_a_body(text, name, start, end, lex) or (
                _two_levels(words, first, i)):
            continue  # 某建筑工程局有限公司: a company the paper does not name
        if name in _GENERIC or (name in lex.org_suffixes and name not in lex.org_names and name not in _STANDALONE
                                and not (len(name) == 2 and name[0] in _SCOPE_CHARS)):
            continue
        if len(name) < 2 or (len(name) == 2 and name[0] not in _SCOPE_CHARS and lex.is_word(name, min_freq=200)):
            continue
        found.append(_joint(text, Mention("org", name, start, end), lex))
    return _outermost(found)


def _outermost(found: list[Mention]) -> tuple[Mention, ...]:
    """The names inside no other one, by their spans (a name is its span's text): a scan of all the names for each
    made a long article's list quadratic."""
    if len(found) < 2:
        return tuple(found)
    spans = SpanIndex([(m.start, m.end) for m in found])
    return tuple(m for m in found if not spans.contain(m.start, m.end, strictly=True))


_UNASKED = object()  # a word `_is_suffix_token` has not been asked about


def _two_levels(words: list[str], first: int, last: int) -> bool:
    """市县人大, 县乡人大: the bodies of two levels of government, no one body (but 区市场监督管理局)."""
    head = words[first]
    if len(head) == 2:
        return head[0] in _SCOPE_CHARS and head[1] in _SCOPE_CHARS and head[0] != head[1]
    nxt = words[first + 1] if first < last else ""
    return head in _SCOPE_CHARS and len(nxt) == 1 and nxt in _SCOPE_CHARS and nxt != head


def _glued(word: str, after_body: bool) -> int:
    """1 for 和县 of 县教育局和县财政局 (a conjunction glued to 县 by jieba, though a county of that name exists)
    right after another body's name; else 0."""
    return int(after_body and len(word) == 2 and word[0] in FUNCTION_CHARS and word[1] in _SCOPE_CHARS)


def _not_an_ending(words: list[str], i: int) -> bool:
    """委员会 of 某某委员会议 (委员 + 会议, which jieba reads 委员会 + 议), 中心 of 中心工作 (the main work)."""
    after = words[i + 1] if i + 1 < len(words) else ""
    return after[:1] == "议" or (words[i].endswith("中心") and after[:2] == "工作")


def _not_a_body(text: str, name: str, start: int, end: int, lex: Lexicon) -> bool:
    """A group formed for one visit (党政代表团, 考察团), several bodies counted (两市市委, 三县政府), or a paper
    named only as the source or credit of the article (来源：某某日报, 某某日报记者, 某某新闻网5月2日讯)."""
    if is_one_visit_group(name):
        return True
    if name.endswith("中央") and name[:-2] in load_gazetteer().by_name:
        return True  # 某某中央商务区: a city's 中央 is a part of town, not a central committee
    if _COUNTED.search(name) or (name[:1] in _SCOPE_CHARS and _COUNTED.match(text, max(0, start - 1), start + 1)):
        return True
    line = text.rfind("\n", 0, start) + 1
    if _SOURCE.search(text, line, start):
        return True
    return bool(name.endswith(_MEDIA) and _CREDIT.match(text, end))


_SOURCE = compiled(r"(?:来源|稿源|转自|转载自|供稿)\s*[:：|丨｜]?\s*$")
_MEDIA = ("日报", "晚报", "报", "报社", "电视台", "广播电视台", "新闻网", "网", "融媒", "报业", "新闻", "融媒体中心")
_CREDIT = compiled(r"\s*(?:全媒体|融媒体|新媒体|首席)?(?:记者|讯|消息|通讯员|编辑|客户端|\d)")


def _joint(text: str, mention: Mention, lex: Lexicon) -> Mention:
    """荆州区、荆州高新区招商引资领导小组: a body of two jurisdictions named one after the other."""
    start = mention.start
    if start < 3 or text[start - 1] != "、":
        return mention
    own = _places_in(mention.text[:8], lex)
    if not own or not mention.text.startswith(own[0].text):
        return mention  # most names after 、 open with no place: the text before them is not read
    before = [p for p in _places_in(text[max(0, start - 12):start - 1], lex) if p.end == min(start - 1, 12)]
    if not before:
        return mention
    begin = start - 1 - len(before[0].text)
    return Mention("org", text[begin:mention.end], begin, mention.end)


def _places_in(snippet: str, lex: Lexicon) -> tuple[Mention, ...]:
    """`extract_places(snippet, lex)`, remembered (`PLACES_IN`): the same bodies are listed in article after
    article, and each reading cuts the snippet and looks its words up anew."""
    known = PLACES_IN.of(lex)
    found = known.get(snippet)
    if found is None:
        found = known[snippet] = extract_places(snippet, lex)
    return found
