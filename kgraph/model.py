"""Domain records passed between pipeline stages.

Every record is a frozen, slotted dataclass with tuple fields: hashable, comparable and safe to send to worker
processes. Text is owned once by an `Article`; everything extracted from it points back into that text by
character offsets (`start`, `end`), so every fact in the graph can be checked against its sentence.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from enum import StrEnum
from operator import attrgetter
from typing import Any, TypeVar

T = TypeVar("T")


def _by_fields(self: Any) -> tuple[type, tuple[Any, ...]]:
    return type(self), tuple(getattr(self, name) for name in self.__match_args__)


# An event names at most this many people who work with each other: past it (a page of random names read as one
# event's attendees) the works-with pairs would grow with the square of the list; the people stay attendees.
MAX_PAIRED_PARTICIPANTS = 100

def quick_init(cls: type[T]) -> type[T]:
    """Give a frozen, slotted dataclass an `__init__` that fills each slot through its descriptor, with the same
    parameters and defaults: the one `dataclasses` writes looks `object.__setattr__` up again for every field, and
    the stages make millions of mentions and evidence records (a third of the cost of making one). Frozen stays
    frozen: only `__init__` sets the slots. No field may have a default factory; a field left out of `__init__`
    (`init=False`, no default) stays unset, for the class to fill when first asked (`Article.id`)."""
    params, body, names = [], [], {}
    for i, f in enumerate(fields(cls)):
        if not f.init and f.default is MISSING and f.default_factory is MISSING:
            continue
        if f.default_factory is not MISSING or not f.init or f.kw_only:
            raise TypeError(f"{cls.__name__}.{f.name}: quick_init takes plain fields only")
        names[f"_set{i}"] = getattr(cls, f.name).__set__  # the slot's member descriptor
        names[f"_default{i}"] = f.default
        params.append(f.name if f.default is MISSING else f"{f.name}=_default{i}")
        body.append(f"    _set{i}(self, {f.name})")
    exec(f"def __init__(self, {', '.join(params)}):\n" + "\n".join(body or ["    pass"]), names)  # noqa: S102
    init = names["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = init  # type: ignore[misc]
    return cls


def pickled_by_fields(cls: type[T]) -> type[T]:
    """Pickle a frozen dataclass as a call with its fields: unpickling the dataclass way sets one field at a time
    and looks the fields up for every record, which took seconds per 10,000 articles come back from workers. The
    fields are read by one `attrgetter` (a generator over their names cost a third of pickling a page's
    reading); a subclass is pickled by its own fields."""
    names = cls.__match_args__  # type: ignore[attr-defined]
    get = attrgetter(*names) if len(names) > 1 else lambda record: tuple(getattr(record, n) for n in names)

    def __reduce__(self: Any) -> tuple[type, tuple[Any, ...]]:
        return (cls, get(self)) if type(self) is cls else _by_fields(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]
    return cls


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")  # a lone surrogate too, as pickle keeps it


def _article(source: str, index: int, headline: bytes, body: bytes, *rest: Any) -> Article:
    """The article `Article.__reduce__` pickled."""
    return Article(source, index, headline.decode("utf-8", "surrogatepass"), body.decode("utf-8", "surrogatepass"),
                   *rest)


class Role(StrEnum):
    """What a person is to the article: the graph keeps reporters apart from the people they report on."""

    OFFICIAL = "official"
    REPORTER = "reporter"
    PHOTOGRAPHER = "photographer"
    OTHER = "other"


# the roles of people an article credits (a byline, a photo credit), not reports on; a tuple, as `in` finds an Enum
# member by identity where a set would hash it in Python
CREDITED: tuple[Role, ...] = (Role.REPORTER, Role.PHOTOGRAPHER)


class Part(StrEnum):
    """What a person does in the event an article reports."""

    ORGANIZER = "organizer"
    ATTENDEE = "attendee"
    MENTIONED = "mentioned"


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Byline:
    """A credited name: `（通讯员何华安）`, `□ 通讯员 王学峰`, `（王芸 摄）`."""

    name: str
    role: Role


@quick_init
@dataclass(frozen=True, slots=True)
class Article:
    """One article of a page, as read: headline block, dateline, bylines and cleaned body.

    `start`/`end` is the article's character span in the decoded source file; extraction offsets are into
    `text`, the cleaned headline block followed by the body.
    """

    source: str
    index: int
    headline: str
    body: str
    subheadline: str = ""
    date: str | None = None
    bylines: tuple[Byline, ...] = ()
    start: int = 0
    end: int = 0
    _id: str = field(init=False, repr=False, compare=False)  # `id`, made when first asked

    @property
    def id(self) -> str:
        """`<source without its extension>-<index, three digits>`: asked of an article in every stage after
        extraction (each mention's evidence, each triple's node), so made once and kept."""
        try:
            return self._id
        except AttributeError:
            made = f"{self.source.rsplit('.', 1)[0]}-{self.index:03d}"
            object.__setattr__(self, "_id", made)
            return made

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        """Pickled with its headline and body as UTF-8 bytes: pickling a string keeps its UTF-8 form in it for good
        (CPython), so every article a build pickles for the cache would keep a copy of its text 1.5 times its size."""
        return _article, (self.source, self.index, _utf8(self.headline), _utf8(self.body), self.subheadline,
                          self.date, self.bylines, self.start, self.end)

    @property
    def text(self) -> str:
        """Headline, sub-headline and body, one block per line: the text mentions point into."""
        return "\n".join(part for part in (self.headline, self.subheadline, self.body) if part)


@quick_init
@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Mention:
    """A span of `Article.text`: `kind` is person, title, org or place."""

    kind: str
    text: str
    start: int
    end: int
    refers: str | None = None  # an organisation's short back-reference (街道纪工委): the full name it stands for
    org: str | None = None  # a title: the organisation it names, as printed (区委常委、宣传部部长 -> 区委宣传部)
    org_specific: bool = False  # a title: whether `org` says which organisation (区委宣传部), not only its kind

    def with_org(self, org: str | None, org_specific: bool) -> Mention:
        """This title with the organisation it names: `dataclasses.replace` without its look-up of the fields, for
        every title of every article."""
        return Mention(self.kind, self.text, self.start, self.end, self.refers, org, org_specific)


@quick_init
@pickled_by_fields
@dataclass(frozen=True, slots=True)
class PersonMention:
    """A person named in an article, with the titles given to them there and their part in its event."""

    name: str
    start: int
    end: int
    role: Role
    titles: tuple[Mention, ...] = ()
    part: Part = Part.MENTIONED
    label: Mention | None = None  # a group label the name was listed under (荆州高新区领导): no title, a scope
    guessed: bool = False  # read by the statistical recogniser alone: a name with evidence read there wins

    def with_part(self, part: Part) -> PersonMention:
        """This mention with its part in the event: what `dataclasses.replace` makes, without looking the fields up
        again for every mention of every article."""
        return PersonMention(self.name, self.start, self.end, self.role, self.titles, part, self.label, self.guessed)

    def with_titles(self, titles: tuple[Mention, ...]) -> PersonMention:
        """This mention with other titles, likewise."""
        return PersonMention(self.name, self.start, self.end, self.role, titles, self.part, self.label, self.guessed)

    def with_name(self, name: str) -> PersonMention:
        """This mention under another name (a variant's kept spelling, a namesake's key), likewise."""
        return PersonMention(name, self.start, self.end, self.role, self.titles, self.part, self.label, self.guessed)


@quick_init
@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Event:
    """The activity an article reports: who organised it, who took part, when and where."""

    kind: str
    date: str | None = None
    place: str | None = None
    organizers: tuple[str, ...] = ()
    attendees: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()  # organizers or attendees who spoke (强调, 指出, 讲话 ...)

    def with_people(self, organizers: tuple[str, ...], attendees: tuple[str, ...], speakers: tuple[str, ...]
                    ) -> Event:
        """This event with its people renamed: `dataclasses.replace` without its look-up of the fields, for the
        hundreds of thousands of articles whose names resolution renames."""
        return Event(self.kind, self.date, self.place, organizers, attendees, speakers)


@quick_init
@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the extractors found in one article."""

    article: Article
    people: tuple[PersonMention, ...] = ()
    orgs: tuple[Mention, ...] = ()
    places: tuple[Mention, ...] = ()
    event: Event | None = None
    containments: tuple[tuple[str, str], ...] = ()  # (inner, outer) places as the text nests them

    def with_people(self, people: tuple[PersonMention, ...], event: Event | None) -> Extraction:
        """This extraction with its people (and its event) renamed, likewise."""
        return Extraction(self.article, people, self.orgs, self.places, event, self.containments)


@quick_init
@dataclass(frozen=True, slots=True, order=True)
class Evidence:
    """Where a fact was read: the article and the character span in its text."""

    article_id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Post:
    """A title held by a person, as printed (scope kept), with every place it was read."""

    title: str
    org: str | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Person:
    """One node per real person across the corpus."""

    name: str
    role: Role
    aliases: tuple[str, ...] = ()
    posts: tuple[Post, ...] = ()
    mentions: tuple[Evidence, ...] = ()
    key: str = ""  # `name@adcode` for one of several people who share a name (kgraph.resolve.homonyms); else ""
    locale: str = ""  # where a person split from a namesake is placed: 湖北省荆州市荆州区

    @property
    def id(self) -> str:
        """What the person's IRI is minted from: the name, or the key of a person who shares it."""
        return self.key or self.name


@dataclass(frozen=True, slots=True)
class Organization:
    """`name` is the canonical full name (荆州区委统战部); `aliases` the forms printed (区委统战部)."""

    name: str
    aliases: tuple[str, ...] = ()
    mentions: tuple[Evidence, ...] = ()
    parent: str | None = None  # the organisation the name says it belongs to (区委统战部 -> 区委)
    references: tuple[str, ...] = ()  # short back-references printed for it (离岸科创中心): not its name


@dataclass(frozen=True, slots=True)
class Place:
    """A place named in the articles, or (`mentions` empty) an administrative division containing one."""

    name: str
    contained_in: str | None = None
    mentions: tuple[Evidence, ...] = ()
    code: str | None = None  # adcode of an administrative division
    longitude: float | None = None
    latitude: float | None = None


@dataclass(frozen=True, slots=True)
class Corpus:
    """The resolved result of a build: what the RDF graph is made from."""

    articles: tuple[Article, ...] = ()
    extractions: tuple[Extraction, ...] = ()
    people: tuple[Person, ...] = ()
    organizations: tuple[Organization, ...] = ()
    places: tuple[Place, ...] = ()
    sources: tuple[str, ...] = field(default=())
    merges: tuple[NameMerge, ...] = ()
    splits: tuple[NameSplit, ...] = ()
    home: str | None = None  # the jurisdiction the paper calls 区/县 (荆州区), inferred or given


@dataclass(frozen=True, slots=True)
class NameMerge:
    """A spelling read as a variant of another person's name, with the evidence for it."""

    kept: str
    variant: str
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NameSplit:
    """A name read as several people, each known by a key (`王勇@421003`), with the evidence that tells them apart."""

    name: str
    people: tuple[str, ...]  # the keys
    places: tuple[str, ...]  # where each is placed (湖北省荆州市荆州区), in the order of `people`
    reasons: tuple[str, ...]
