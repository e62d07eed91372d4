"""Organisations by suffix grammar: a run of name tokens that ends in an organisation suffix.

`区委统战部`, `中建七局西南公司`, `中泽（荆州）建设有限公司`: the last token ends in a suffix (部, 公司, 委 ...);
the name extends left over tokens that can be part of a name, and stops at punctuation, function words and
the verbs that introduce organisations (组织, 联合, 参加 ...). Common words that merely end like an
organisation (干部, 全部, 举办) are not organisations.
"""

from __future__ import annotations

import re

from kgraph.extract.tokens import FUNCTION_CHARS, Token, is_name_part, longest_suffix, tokenize
from kgraph.lexicon import Lexicon
from kgraph.model import Mention

_DOCUMENT = re.compile(r"《[^《》]*》")  # names inside document titles are not organisations of the article
_MAX_TOKENS = 7
_MAX_CHARS = 24
_SCOPE_CHARS = set("省市区县镇乡村州")
_GENERIC = frozenset({"单位", "部门", "企业", "学校", "医院", "政府", "公司", "协会", "机关", "组织", "中心", "基层",
                      "党委", "党组", "支部", "委员会", "小组", "领导小组", "工作组", "班子", "两委", "村两委"})


_SCOPED = re.compile(r"^[省市区县镇乡村]|^[\u4e00-\u9fff]{2,6}?[省市区县镇乡村]")


def is_scoped(name: str) -> bool:
    """Whether an organisation's name says whose it is (区委, 荆州区马山中学); 宣传部 inside a title does not."""
    return bool(_SCOPED.match(name))


def _is_suffix_token(token: Token, lex: Lexicon) -> str | None:
    """The organisation suffix a token ends with, unless the token is a common word that only looks like one."""
    suffix = longest_suffix(token.text, lex.org_suffixes)
    if suffix is None or token.text in lex.title_heads or longest_suffix(token.text, lex.org_false_endings):
        return None
    entry = lex.words.get(token.text)
    if entry and token.text != suffix and len(token.text) == 2 and entry[1] not in ("nt", "j") and entry[0] >= 50:
        return None  # 干部, 全部, 举办, 网站, 场所
    if entry and entry[1] in ("v", "vn", "l", "i", "d") and len(suffix) == 1 and token.text != suffix:
        return None  # 研究部署, 严肃查处: a verb phrase that ends in 署 or 处
    return suffix


def _is_part(token: Token, lex: Lexicon, *, long_suffix: bool) -> bool:
    """A token inside an organisation's name: a name part (方位 words too: 学校周边办), a unit (中建七局), or,
    before a long suffix (中心组, 委员会), a verb: 区委理论学习中心组, 区委全面深化改革委员会."""
    if token.text in lex.title_heads or token.text in lex.scope_stops:
        return False
    if is_name_part(token, lex) or (_is_suffix_token(token, lex) and token.text[:1] not in FUNCTION_CHARS):
        return True
    tag = lex.tag(token.text) or ""
    return len(token.text) > 1 and (tag == "f" or (long_suffix and tag in ("v", "vn")))


def _continues(tokens: list[Token], i: int, lex: Lexicon) -> bool:
    """Whether the name goes on after token i: 区委 + 统战部, or a one-character suffix glued to more name
    (离岸科 + 创中心, 市交管局 + 一大队)."""
    if i + 1 >= len(tokens):
        return False
    nxt = tokens[i + 1]
    if _is_suffix_token(nxt, lex):
        return True
    lone = len(tokens[i].text) == 1  # a lone 科 or 局 is glued to the name around it
    return lone and len(nxt.text) == 1 and is_name_part(nxt, lex) and nxt.text not in _SCOPE_CHARS


def _left_edge(tokens: list[Token], last: int, lex: Lexicon) -> int:
    first = last
    long_suffix = len(longest_suffix(tokens[last].text, lex.org_suffixes) or "") > 1
    while first > 0 and last - first < _MAX_TOKENS:
        prev = tokens[first - 1]
        if prev.text == "）" and first >= 3 and tokens[first - 3].text == "（" and len(tokens[first - 2].text) <= 4:
            candidate = first - 3  # 中泽（荆州）建设有限公司
        elif _is_part(prev, lex, long_suffix=long_suffix):
            if _is_suffix_token(prev, lex) and tokens[first].text[:1] in _SCOPE_CHARS:
                break  # 区委 | 区政府: a new jurisdiction starts a new organisation
            candidate = first - 1
        else:
            break
        if tokens[last].end - tokens[candidate].start > _MAX_CHARS:
            break
        first = candidate
    if tokens[first].text == "（":
        first += 3
    while first < last and (lex.tag(tokens[first].text) in ("f", "s", "v", "vn", "p", "c", "d", "r") or (
            len(tokens[first].text) == 1 and tokens[first].text not in _SCOPE_CHARS and
            (lex.tag(tokens[first].text) or "x")[:1] in "vprdcuq")):
        first += 1  # an organisation starts with neither 周边 nor a verb (表中央, 送进医院, 组织…)
    return first


def extract_orgs(text: str, lex: Lexicon, tokens: list[Token] | None = None) -> tuple[Mention, ...]:
    """Organisation mentions in reading order, one per span."""
    tokens = tokens if tokens is not None else tokenize(text, lex)
    found: list[Mention] = []
    quoted = [(m.start(), m.end()) for m in _DOCUMENT.finditer(text)]
    for i, token in enumerate(tokens):
        if _is_suffix_token(token, lex) is None or any(s <= token.start < e for s, e in quoted):
            continue
        if _continues(tokens, i, lex):
            continue
        first = _left_edge(tokens, i, lex)
        name = text[tokens[first].start:token.end]
        if len(token.text) == 1 and token.start - tokens[first].start < 2:
            continue  # 您所, 迟办: a one-character suffix needs a name of two characters or more before it
        if name in _GENERIC or name in lex.org_suffixes and not (len(name) == 2 and name[0] in _SCOPE_CHARS):
            continue
        if len(name) < 2 or (len(name) == 2 and name[0] not in _SCOPE_CHARS and lex.is_word(name, min_freq=200)):
            continue
        found.append(Mention("org", name, tokens[first].start, token.end))
    return tuple(m for m in found if not any(o.start <= m.start and m.end <= o.end and o != m for o in found))
