"""Organisations by suffix grammar: a run of name tokens that ends in an organisation suffix.

`区委统战部`, `中建七局西南公司`, `中泽（荆州）建设有限公司`: the last token ends in a suffix (部, 公司, 委 ...);
the name extends left over tokens that can be part of a name, and stops at punctuation, function words and
the verbs that introduce organisations (组织, 联合, 参加 ...). Common words that merely end like an
organisation (干部, 全部, 举办) are not organisations.
"""

from __future__ import annotations

import re

from kgraph.extract.tokens import Token, is_name_part, longest_suffix, tokenize
from kgraph.lexicon import Lexicon
from kgraph.model import Mention

_DOCUMENT = re.compile(r"《[^《》]*》")  # names inside document titles are not organisations of the article
_MAX_TOKENS = 7
_MAX_CHARS = 24
_SCOPE_CHARS = set("省市区县镇乡村州")
_GENERIC = frozenset({"单位", "部门", "企业", "学校", "医院", "政府", "公司", "协会", "机关", "组织", "中心", "基层",
                      "党委", "党组", "支部", "委员会", "小组", "领导小组", "工作组", "班子"})


def _is_suffix_token(token: Token, lex: Lexicon) -> str | None:
    """The organisation suffix a token ends with, unless the token is a common word that only looks like one."""
    suffix = longest_suffix(token.text, lex.org_suffixes)
    if suffix is None or token.text in lex.title_heads or longest_suffix(token.text, lex.org_false_endings):
        return None
    entry = lex.words.get(token.text)
    if entry and token.text != suffix and len(token.text) == 2 and entry[1] not in ("nt", "j") and entry[0] >= 50:
        return None  # 干部, 全部, 举办, 网站, 场所
    if entry and entry[1] in ("v", "l", "i", "d"):
        return None
    return suffix


def _left_edge(tokens: list[Token], last: int, lex: Lexicon) -> int:
    first = last
    while first > 0 and last - first < _MAX_TOKENS:
        prev = tokens[first - 1]
        if prev.text == "）" and first >= 3 and tokens[first - 3].text == "（" and len(tokens[first - 2].text) <= 4:
            candidate = first - 3  # 中泽（荆州）建设有限公司
        elif is_name_part(prev, lex) and prev.text not in lex.title_heads:
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
    return first


def extract_orgs(text: str, lex: Lexicon, tokens: list[Token] | None = None) -> tuple[Mention, ...]:
    """Organisation mentions in reading order, one per span."""
    tokens = tokens if tokens is not None else tokenize(text, lex)
    found: list[Mention] = []
    quoted = [(m.start(), m.end()) for m in _DOCUMENT.finditer(text)]
    for i, token in enumerate(tokens):
        if _is_suffix_token(token, lex) is None or any(s <= token.start < e for s, e in quoted):
            continue
        if i + 1 < len(tokens) and _is_suffix_token(tokens[i + 1], lex):
            continue  # 区委 + 统战部: the name goes on
        first = _left_edge(tokens, i, lex)
        name = text[tokens[first].start:token.end]
        if name in _GENERIC or name in lex.org_suffixes and not (len(name) == 2 and name[0] in _SCOPE_CHARS):
            continue
        if len(name) < 2 or (len(name) == 2 and name[0] not in _SCOPE_CHARS and lex.is_word(name, min_freq=200)):
            continue
        found.append(Mention("org", name, tokens[first].start, token.end))
    return tuple(m for m in found if not any(o.start <= m.start and m.end <= o.end and o != m for o in found))
