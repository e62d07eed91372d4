"""How the network page scales: build and open `graph.html` for 500, 2,000 and 5,000 people.

A benchmark, not a test: it prints a table and asserts nothing. For each size it makes a synthetic RDF graph
shaped like `kgraph build`'s (people with posts in organisations under parent organisations, events with an
organizer and attendees in a place, one article each with headline, date and source file, and reporters who only
sign articles), then measures:

- `network s`: `build_network` with the organisation and place layers;
- `page s`: `render_html`, including the layout computed in Python above `kgraph.render.LARGE` nodes;
- `MB`: the size of the page;
- `drawn s`: wall-clock seconds from asking headless Chromium to open the page until the page says the network
  is drawn (the first frame after layout; below the threshold, after vis-network's physics has settled);
- `in-page ms`: the same moment by the page's own clock (`performance.now()`, from the start of navigation);
- `people drawn`: person nodes in the drawn network, against the people the network should show;
- `redraw ms`, `click ms`, `filter ms`: once drawn, one full redraw, a click on a person (dim the others and list
  their co-workers with the articles), and raising the minimum link weight to 2;
- `layers on ms`, `date filter ms`, `export PNG ms`, `path search ms`: switching the organisation and place layers
  on, narrowing the dates to the middle third of the months, a PNG of the view, and the shortest path from the
  busiest person to the least busy one (breadth first, then the panel and the fit); each with the redraw it
  causes.

    /work/venv/bin/python benchmarks/render_bench.py                # 500 2000 5000
    /work/venv/bin/python benchmarks/render_bench.py 300 --keep out/  # keep the pages and screenshots
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import ORG, PROV, RDF, RDFS, SKOS, XSD

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kgraph.network import build_network  # noqa: E402
from kgraph.rdf.vocab import KG, SCHEMA  # noqa: E402
from kgraph.render import LARGE, render_html  # noqa: E402
from tests.chromium import CHROMIUM, Chromium  # noqa: E402

ID = Namespace("https://example.org/kgraph-bench/")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"  # noqa: E501
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鹏辉斌宇浩凯健俊帆帅旭宁龙林欣瑞雪婷琳晨阳佳嘉"
TOPS = ["区委", "区政府", "区人大常委会", "区政协", "区纪委监委", "高新区党工委", "区法院", "区检察院"]
UNITS = ["办公室", "宣传部", "组织部", "统战部", "政法委", "发改局", "财政局", "教育局", "卫健局", "农业农村局"]
TITLES = ["书记", "副书记", "部长", "副部长", "局长", "副局长", "主任", "副主任", "主席", "委员"]
KINDS = ["会议", "调研", "考察", "座谈", "督办", "走访", "学习", "活动"]
PLACES = ["川店镇", "马山镇", "八岭山镇", "李埠镇", "弥市镇", "郢城镇", "纪南镇", "菱角湖", "太湖港", "西城街道"]


def make_graph(people: int, seed: int = 1) -> Graph:
    """A graph of `people` people who take part in events (plus reporters, who are not drawn)."""
    rng = random.Random(seed)
    graph = Graph()
    graph.bind("schema", SCHEMA)
    graph.bind("kg", KG)
    add = graph.add

    orgs: list[URIRef] = []
    for t, top in enumerate(TOPS):
        parent = ID[f"org/{t}"]
        add((parent, RDF.type, ORG.Organization))
        add((parent, SKOS.prefLabel, Literal("荆州" + top, lang="zh")))
        orgs.append(parent)
    for u in range(max(len(UNITS), people // 25)):
        org = ID[f"org/{len(TOPS)}-{u}"]
        top = rng.randrange(len(TOPS))
        add((org, RDF.type, ORG.Organization))
        add((org, SKOS.prefLabel, Literal(f"荆州{TOPS[top]}{UNITS[u % len(UNITS)]}{u // len(UNITS) or ''}", lang="zh")))
        add((org, ORG.subOrganizationOf, orgs[top]))
        orgs.append(org)
    places = []
    for p in range(max(len(PLACES), people // 40)):
        place = ID[f"place/{p}"]
        add((place, RDF.type, SCHEMA.Place))
        add((place, SCHEMA.name, Literal(f"{PLACES[p % len(PLACES)]}{p // len(PLACES) or ''}", lang="zh")))
        places.append(place)

    names: set[str] = set()
    persons = []
    for i in range(people):
        name = ""
        while not name or name in names:
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
        names.add(name)
        person = ID[f"person/{i}"]
        persons.append(person)
        add((person, RDF.type, SCHEMA.Person))
        add((person, SCHEMA.name, Literal(name, lang="zh")))
        add((person, KG.role, Literal("official" if rng.random() < 0.85 else "other")))
        if rng.random() < 0.7:
            org = rng.choice(orgs)
            title = rng.choice(TITLES)
            post = ID[f"post/{i}"]
            add((person, SCHEMA.jobTitle, Literal(title, lang="zh")))
            add((person, ORG.holds, post))
            add((post, RDF.type, ORG.Post))
            add((post, RDFS.label, Literal(title, lang="zh")))
            add((post, ORG.postIn, org))
    reporters = []
    for r in range(max(5, people // 20)):
        reporter = ID[f"reporter/{r}"]
        add((reporter, RDF.type, SCHEMA.Person))
        add((reporter, SCHEMA.name, Literal(f"记者{r}", lang="zh")))
        add((reporter, KG.role, Literal("reporter")))
        reporters.append(reporter)

    # People work mostly inside a circle of about 40, now and then with anyone.
    circles = [persons[start : start + 40] for start in range(0, people, 40)]
    sources = [ID[f"source/{s}"] for s in range(max(1, people // 50))]
    for s, source in enumerate(sources):
        add((source, RDF.type, KG.SourceFile))
        add((source, SCHEMA.name, Literal(f"{s:03d}_page.txt")))
    for e in range(int(people * 0.4)):
        circle = rng.choice(circles)
        size = min(rng.choice((2, 3, 3, 4, 4, 5, 6)), len(circle))
        members = rng.sample(circle, size)
        if rng.random() < 0.3:
            members.append(rng.choice(persons))
        members = list(dict.fromkeys(members))
        if len(members) < 2:
            continue
        event, article = ID[f"event/{e}"], ID[f"article/{e}"]
        date = f"2022-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        place = rng.choice(places)
        headline = f"{graph.value(members[0], SCHEMA.name)}{rng.choice(KINDS)}{graph.value(place, SCHEMA.name)}工作"
        add((event, RDF.type, SCHEMA.Event))
        add((event, KG.eventType, Literal(rng.choice(KINDS), lang="zh")))
        add((event, SCHEMA.startDate, Literal(date, datatype=XSD.date)))
        add((event, SCHEMA.location, place))
        add((event, SCHEMA.organizer, members[0]))
        for member in members[1:]:
            add((event, SCHEMA.attendee, member))
        add((event, SCHEMA.subjectOf, article))
        add((article, RDF.type, SCHEMA.NewsArticle))
        add((article, SCHEMA.headline, Literal(headline, lang="zh")))
        add((article, SCHEMA.dateCreated, Literal(date, datatype=XSD.date)))
        source = rng.choice(sources)
        add((article, KG.sourceFile, source))
        add((article, PROV.wasDerivedFrom, source))
        add((article, SCHEMA.author, rng.choice(reporters)))
        for member in members:
            add((article, SCHEMA.mentions, member))
        add((article, SCHEMA.mentions, place))
        for member in members:
            for post in graph.objects(member, ORG.holds):
                for org in graph.objects(post, ORG.postIn):
                    add((article, SCHEMA.mentions, org))
    return graph


def measure(people: int, folder: Path, browser: Chromium | None) -> dict[str, object]:
    graph = make_graph(people)
    started = time.perf_counter()
    net = build_network(graph, include_orgs=True, include_places=True)
    network_seconds = time.perf_counter() - started
    started = time.perf_counter()
    page = render_html(net, title=f"bench {people}")
    page_seconds = time.perf_counter() - started
    path = folder / f"bench-{people}.html"
    path.write_text(page, encoding="utf-8")
    row: dict[str, object] = {
        "people": people,
        "nodes": net.number_of_nodes(),
        "links": sum(1 for *_, kind in net.edges(data="kind") if kind == "works_with"),
        "layout": "Python, physics off" if net.number_of_nodes() > LARGE else "vis physics",
        "network s": f"{network_seconds:.1f}",
        "page s": f"{page_seconds:.1f}",
        "MB": f"{path.stat().st_size / 1e6:.1f}",
    }
    if browser is not None:
        report = browser.open(path, script=INTERACT, screenshot=folder / f"bench-{people}.png", timeout=300)
        timings = report.value or {}
        shown = sum(1 for _, kind in net.nodes(data="kind") if kind == "person")
        row |= {
            "drawn s": f"{report.seconds:.1f}",
            "in-page ms": report.state.get("drawn-ms", "-"),
            "people drawn": f"{report.state.get('drawn-people', '-')}/{shown}",
            "redraw ms": timings.get("redraw", "-"),
            "click ms": timings.get("click", "-"),
            "filter ms": timings.get("filter", "-"),
            "layers on ms": timings.get("layers", "-"),
            "date filter ms": timings.get("dates", "-"),
            "export PNG ms": timings.get("png", "-"),
            "path search ms": timings.get("path", "-"),
            "errors": len(report.errors) + bool(report.state.get("errors")) + len(report.requests),
        }
    return row


# Run in the page once it is drawn; the screenshot then shows the clicked person and the filter.
INTERACT = """(async () => {
  const ms = t => Math.round(t);
  const time = work => {
    const t0 = performance.now();
    work();
    kgraph.network.redraw();
    return performance.now() - t0;
  };
  const out = {};
  out.redraw = ms(time(() => {}));
  const people = kgraph.data.nodes.filter(n => n.kind === "person").sort((a, b) => b.events - a.events);
  const busiest = people[0];
  out.click = ms(time(() => kgraph.choose(busiest.id)));
  out.filter = ms(time(() => {
    kgraph.filter.weight = 2;
    document.getElementById("kg-weight").value = "2";
    kgraph.refresh();
  }));
  out.layers = ms(time(() => {
    for (const box of document.querySelectorAll(".kg-layer")) {
      box.checked = true;
      box.dispatchEvent(new Event("change"));
    }
  }));
  const months = kgraph.data.months.length;
  out.dates = ms(time(() => kgraph.setDates(Math.floor(months / 3), Math.floor(2 * months / 3))));
  out.png = ms(time(() => { out.pngBytes = kgraph.exportPNG().length; }));
  kgraph.setDates(0, months - 1);
  kgraph.filter.weight = 1;
  document.getElementById("kg-weight").value = "1";
  kgraph.refresh();
  const far = people[people.length - 1];
  let found = null;
  out.path = ms(time(() => { found = kgraph.connect(busiest.label, far.label); }));
  out.steps = found ? found.edges.length : -1;
  kgraph.choose(busiest.id);
  return out;
})()"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[500, 2000, 5000])
    parser.add_argument("--keep", type=Path, help="folder to keep the pages and screenshots in")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="kgraph-render-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    if CHROMIUM is None:
        print("chromium not found: measuring without the browser", file=sys.stderr)
    rows = []
    browser = Chromium() if CHROMIUM else None
    try:
        for size in args.sizes:
            rows.append(measure(size, folder, browser))
            print(rows[-1], file=sys.stderr)
    finally:
        if browser is not None:
            browser.close()
    columns = list(rows[0])
    print("| " + " | ".join(columns) + " |")
    print("|" + "|".join(" --- " for _ in columns) + "|")
    for row in rows:
        print("| " + " | ".join(str(row[column]) for column in columns) + " |")
    print(f"\npages and screenshots in {folder}", file=sys.stderr)


if __name__ == "__main__":
    main()
