// The content script: finds the article, numbers its blocks, marks findings on the page.
//
// A classic script, not a module: content scripts cannot be ES modules. It touches no
// extension API and never fetches: the service worker injects it (after Readability.js)
// and calls `newslintPage.handle({what: …})` through scripting.executeScript, relaying
// everything to and from the local server itself (page CORS and the browsers' local-
// network rules would block a fetch from here).
//
// The page's DOM is never edited: highlights are CSS Custom Highlight API ranges over the
// page's own text nodes; the hover card and the overlay fallback live in closed shadow
// roots on elements hung off <html> (outside <body>), sized zero, position fixed/absolute,
// so the page's CSS cannot restyle them and they cannot shift its layout.
// Page and server text reaches our UI only through textContent.

(() => {
  "use strict";

  if (globalThis.newslintPage) return;

  const PREFIX = "newslint-";
  const KIND_OF_TAG = {
    H1: "h1", H2: "h2", H3: "h3", H4: "h4", H5: "h5", H6: "h6", P: "p", LI: "li",
    BLOCKQUOTE: "blockquote", PRE: "pre", FIGCAPTION: "figcaption", DT: "p", DD: "p", TR: "tr",
    CAPTION: "figcaption", SUMMARY: "p", ADDRESS: "p",
  };
  // Elements that end one block and start another (their text is never run together).
  const BOUNDARIES = new Set([
    ...Object.keys(KIND_OF_TAG), "DIV", "SECTION", "ARTICLE", "MAIN", "HEADER", "FOOTER",
    "ASIDE", "NAV", "UL", "OL", "DL", "TABLE", "TBODY", "THEAD", "TFOOT", "FIGURE", "FORM",
    "FIELDSET", "DETAILS", "HR", "HGROUP", "CENTER",
  ]);
  const SKIPPED = new Set([
    "SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "MATH", "BUTTON", "SELECT", "TEXTAREA",
    "INPUT", "IFRAME", "OBJECT", "CANVAS", "VIDEO", "AUDIO",
  ]);
  const CELLS = new Set(["TD", "TH"]);
  // Tags a real paragraph may use; anything else that yields a tiny block ("Advertisement",
  // "Share this") is a label, not prose, and would only shift the paragraph numbers.
  const PROSE_TAGS = new Set(["P", "LI", "BLOCKQUOTE", "PRE", "FIGCAPTION", "DD", "DT", "TR", "H1", "H2", "H3", "H4", "H5", "H6"]);
  const MIN_ARTICLE_WORDS = 30;
  const FLASH_MS = 1600;
  const HIDE_DELAY_MS = 300;
  const PUBLISHED_META = new Set([
    "article:published_time", "og:article:published_time", "datepublished", "date",
    "dc.date", "dc.date.issued", "dcterms.created", "dcterms.issued", "pubdate", "publishdate",
    "publish-date", "publish_date", "parsely-pub-date", "sailthru.date", "article.published",
    "og:published_time", "published_time", "article_date_original", "cxenseparse:recs:publishtime",
  ]);

  const hasHighlights = typeof CSS !== "undefined" && "highlights" in CSS && typeof Highlight === "function";

  const state = {
    blocks: [], // [{id, kind, text, nodes, nodeOf, offsetOf, anchor, number, cp}]
    byId: new Map(),
    marks: [], // [{annotation, range, block, kind}]
    // The other side of each re-telling (the paragraph it re-tells), marked too, with a card
    // that links back: [{annotation (made here), range, block, kind, mirror: true}]
    mirrors: [],
    marksByAnchor: new Map(),
    mode: null, // "highlights" | "overlay"
    kinds: {},
    card: null, // {host, root, box, shown: {marks, range, pinned}, hideTimer}
    overlay: null, // {host, root, layer}
    flash: null, // {range, timer}
    names: new Set(), // highlight names this script registered
    ranges: new Map(), // highlight name -> painted ranges
    listening: false,
    frame: 0,
    viewFrame: 0,
    pointer: null,
  };

  // --- reading the page ------------------------------------------------------------

  const words = (text) => (text.match(/\S+/g) || []).length;

  function metaContent(keys) {
    for (const meta of document.querySelectorAll("meta[content]")) {
      const key = (meta.getAttribute("property") || meta.getAttribute("name") || meta.getAttribute("itemprop") || "").toLowerCase();
      if (keys.has(key)) {
        const value = meta.getAttribute("content").trim();
        if (value) return value;
      }
    }
    return null;
  }

  const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

  /**
   * The calendar date a value from the page's markup names, read as text: never through
   * `new Date(...)`, whose answer depends on the reader's time zone ("2024-11-08T23:30:00-05:00"
   * is 8 November where it was published, 9 November in Berlin). ISO first (its date part
   * is the publisher's own day), then "8 November 2024", "November 8, 2024", "2024/11/08".
   */
  function calendarDate(value) {
    const text = String(value || "").trim();
    let match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text) || /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b/.exec(text);
    let year;
    let month;
    let day;
    if (match) {
      [year, month, day] = match.slice(1).map(Number);
    } else if ((match = /\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+([A-Za-z]{3,})\.?,?\s+(\d{4})\b/.exec(text))) {
      [day, month, year] = [Number(match[1]), MONTHS.indexOf(match[2].slice(0, 3).toLowerCase()) + 1, Number(match[3])];
    } else if ((match = /\b([A-Za-z]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b/.exec(text))) {
      [month, day, year] = [MONTHS.indexOf(match[1].slice(0, 3).toLowerCase()) + 1, Number(match[2]), Number(match[3])];
    } else {
      return null;
    }
    const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if (!(month >= 1 && month <= 12 && day >= 1 && day <= days[month - 1])) return null;
    if (year < 1900 || year > new Date().getUTCFullYear() + 1) return null;
    return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  }

  /** The date the page declares (meta tags, the article's <time datetime>, else
   * Readability's JSON-LD reading), as the page wrote it; never a guess. */
  function publishedDate(fromReadability) {
    const time = document.querySelector("article time[datetime], time[itemprop~=datePublished][datetime], time[pubdate][datetime]");
    for (const value of [metaContent(PUBLISHED_META), time?.getAttribute("datetime"), fromReadability]) {
      const date = value ? calendarDate(value) : null;
      if (date) return date;
    }
    return null;
  }

  function pageLanguage() {
    const candidates = [
      document.documentElement.lang,
      document.querySelector('meta[http-equiv="content-language" i]')?.getAttribute("content"),
      metaContent(new Set(["og:locale"])),
    ];
    for (const value of candidates) {
      const tag = String(value || "").trim().split(",")[0].replace(/_/g, "-");
      if (tag.length <= 35 && /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(tag)) return tag;
    }
    return null;
  }

  // Names each element of the copy after its live element, for when Readability re-parses
  // what it was given (see `Twins`). An attribute: it survives innerHTML, a Map entry does not.
  const TWIN_ATTRIBUTE = "data-newslint-twin";

  /**
   * Where each node of Readability's article came from on the live page.
   *
   * Mostly the copy's own nodes: `map` pairs them with the live ones. But when its first
   * pass finds too little text, Readability puts back the body it started from by setting
   * `innerHTML`, and every node of the article is then new (on a quarter of real pages it
   * read nothing at all here before). Elements keep the attribute that names their live
   * element; a text node is then found, in order, among the text of its nearest such
   * element on the live page (the same words, or the first of several live nodes that
   * the re-parse ran together).
   */
  class Twins {
    constructor(map, elements) {
      this.map = map;
      this.elements = elements;
      this.texts = new Map(); // live element -> {nodes: its text nodes, next: cursor}
      this.used = new Set();
    }

    element(copy) {
      const direct = this.map.get(copy);
      if (direct) return direct;
      const index = copy.getAttribute?.(TWIN_ATTRIBUTE);
      return index == null ? null : this.elements[Number(index)] || null;
    }

    /** The live text nodes a text node of the copy shows (none when it cannot be told). */
    text(copy) {
      const direct = this.map.get(copy);
      if (direct) return [direct];
      let holder = copy.parentElement;
      while (holder && !holder.hasAttribute(TWIN_ATTRIBUTE)) holder = holder.parentElement;
      const live = holder && this.elements[Number(holder.getAttribute(TWIN_ATTRIBUTE))];
      if (!live || !live.isConnected) return [];
      let entry = this.texts.get(live);
      if (!entry) {
        const nodes = [];
        const walker = document.createTreeWalker(live, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (!node.parentElement?.closest("script,style,noscript,template")) nodes.push(node);
        }
        entry = { nodes, next: 0 };
        this.texts.set(live, entry);
      }
      const data = copy.data;
      const { nodes } = entry;
      for (const start of [entry.next, 0]) {
        for (let i = start; i < nodes.length; i++) {
          const node = nodes[i];
          if (this.used.has(node) || !node.data || !data.startsWith(node.data)) continue;
          // The same text, or the first of the live nodes a re-parse ran together.
          const found = [node];
          let length = node.data.length;
          for (let j = i + 1; length < data.length && j < nodes.length; j++) {
            if (this.used.has(nodes[j]) || !data.startsWith(nodes[j].data, length)) break;
            found.push(nodes[j]);
            length += nodes[j].data.length;
          }
          if (length !== data.length) continue;
          for (const each of found) this.used.add(each);
          entry.next = i + found.length;
          return found;
        }
      }
      return [];
    }
  }

  /** A copy of the document for Readability (which edits what it is given), and where
   * every node of the copy came from on the live page. */
  function cloneWithTwins() {
    const clone = document.cloneNode(true);
    const map = new Map();
    const elements = [];
    const show = NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT;
    const live = document.createTreeWalker(document.documentElement, show);
    const copy = clone.createTreeWalker(clone.documentElement, show);
    let a = live.currentNode;
    let b = copy.currentNode;
    while (a && b) {
      map.set(b, a);
      if (b.nodeType === Node.ELEMENT_NODE) {
        b.setAttribute(TWIN_ATTRIBUTE, String(elements.length));
        elements.push(a);
      }
      a = live.nextNode();
      b = copy.nextNode();
    }
    return { clone, twins: new Twins(map, elements) };
  }

  /** Builds one block's text as the reader sees it (white space collapsed) and remembers,
   * for every character, which live text node and offset it came from. */
  class BlockText {
    constructor(kind, anchor) {
      this.kind = kind;
      this.anchor = anchor;
      this.nodes = [];
      this.chars = [];
      this.nodeOf = [];
      this.offsetOf = [];
      this.lastSpace = true;
    }

    addNode(node, pre) {
      const data = node.data;
      const index = this.nodes.length;
      let used = false;
      for (let i = 0; i < data.length; i++) {
        const code = data.charCodeAt(i);
        const space = code === 32 || code === 9 || code === 10 || code === 13 || code === 12;
        if (space && !pre) {
          if (this.lastSpace) continue;
          this.push(" ", index, i);
          this.lastSpace = true;
        } else {
          this.push(data[i], index, i);
          this.lastSpace = false;
        }
        used = true;
      }
      if (used) this.nodes.push(node);
    }

    separate() {
      if (!this.lastSpace) {
        this.push(" ", -1, 0);
        this.lastSpace = true;
      }
    }

    push(char, node, offset) {
      this.chars.push(char);
      this.nodeOf.push(node);
      this.offsetOf.push(offset);
    }

    /** Appends a finished block's text (and where each character came from) to this
     * finished block's, a space between. */
    join(other) {
      const shift = this.nodes.length;
      this.text = `${this.text} ${other.text}`;
      this.nodeOf.push(-1);
      this.offsetOf.push(0);
      // One at a time: spreading a long quote's arrays into push() overflows the stack.
      for (let i = 0; i < other.nodeOf.length; i++) {
        const node = other.nodeOf[i];
        this.nodeOf.push(node < 0 ? node : node + shift);
        this.offsetOf.push(other.offsetOf[i]);
      }
      for (const node of other.nodes) this.nodes.push(node);
    }

    finish() {
      while (this.chars.length && this.chars[this.chars.length - 1] === " ") {
        this.chars.pop();
        this.nodeOf.pop();
        this.offsetOf.pop();
      }
      this.text = this.chars.join("");
      this.chars = null;
      return this.text ? this : null;
    }
  }

  /** The nearest element of the live page that holds a text node as a block (a <div>, a
   * <p>), not an inline element: what the chrome and apparatus rules look at. */
  function blockAncestor(node) {
    let element = node.parentElement;
    while (element && element.parentElement && !BOUNDARIES.has(element.tagName.toUpperCase())) element = element.parentElement;
    return element;
  }

  /**
   * Where Readability cut one paragraph of the page in two: at two <br>s in it (its
   * `_replaceBrs`), it puts what follows in a <p> of its own making, and the text before
   * in another. The page prints one paragraph (one <p>, <li>, …) there, and the server
   * reads it as one block; cut, a closing line after the breaks ("We look forward to your
   * feedback!") printed again further down was a "repeated paragraph" in the extension
   * only. So the last block, made from such a <p>, goes back into the block before it
   * when both are text of the same paragraph element of the page.
   */
  function joinCut(runs) {
    const last = runs[runs.length - 1];
    const previous = runs[runs.length - 2];
    // `last` is Readability's own <p> (kind "p"); the text before the breaks keeps the kind
    // of the element it sits in (<li>, <h2>, <figcaption>), and the joined block keeps it.
    if (!previous || previous.anchor !== last.anchor || last.kind !== "p") return;
    if (!PROSE_TAGS.has(tagOf(last.anchor))) return;
    previous.join(last);
    runs.pop();
  }

  /**
   * A quote of several paragraphs (a quoted letter, an embedded post and its "— name,
   * date" line) is one block, as the server reads it (trafilatura's <quote> is one
   * paragraph): the blocks made inside the <blockquote> from `start` on become one,
   * anchored at the quote itself, so it is judged as a quote.
   */
  function joinQuote(runs, start, quote) {
    const first = runs[start];
    for (const other of runs.slice(start + 1)) first.join(other);
    first.anchor = quote;
    first.kind = "blockquote"; // one that opens with a heading or a list is still a quote
    runs.length = start + 1;
  }

  /** The blocks of Readability's article, each made of the live page's text nodes. */
  function blocksFromArticle(article, twins) {
    const runs = [];
    let run = null;
    const flush = () => {
      const done = run?.finish();
      if (done) runs.push(done);
      run = null;
    };
    const walk = (node, kind, anchor, pre) => {
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === Node.TEXT_NODE) {
          const found = twins.text(child).filter((live) => live.isConnected);
          if (!found.length) {
            // White space that cannot be placed still parts the words on either side.
            if (!child.data.trim()) run?.separate();
            continue;
          }
          if (!run) run = new BlockText(kind, anchor || blockAncestor(found[0]));
          for (const live of found) run.addNode(live, pre);
        } else if (child.nodeType === Node.ELEMENT_NODE) {
          const tag = child.tagName.toUpperCase();
          if (SKIPPED.has(tag)) continue;
          if (tag === "BR") {
            run?.separate();
          } else if (BOUNDARIES.has(tag)) {
            flush();
            const live = twins.element(child);
            const before = runs.length;
            // An element Readability made (a <p> round a div's loose text) has no live
            // twin: its text's own block on the page stands for it, not an ancestor's.
            walk(child, KIND_OF_TAG[tag] || kind, live, pre || tag === "PRE");
            flush();
            if (!live && runs.length === before + 1) joinCut(runs);
            if (live && tag === "BLOCKQUOTE" && runs.length > before + 1) joinQuote(runs, before, live);
          } else {
            if (CELLS.has(tag)) run?.separate();
            walk(child, kind, anchor, pre);
          }
        }
      }
    };
    walk(article, "p", null, false);
    return runs;
  }

  // The paragraph-like elements the server reads a page by when trafilatura finds no
  // article in it (its `_FALLBACK_TAGS`).
  const FALLBACK_TAGS = "h1,h2,h3,h4,h5,h6,p,li,blockquote,pre,figcaption";

  /**
   * Block by block, for pages Readability finds no article in (or only a notice that the
   * rules then drop): every paragraph-like element of the page not inside another, the
   * server's `fallback_blocks`. `refine` then leaves the chrome, menus and link lines out,
   * as the server's does. Without it, a blog post under a cookie notice that Readability
   * took for the article was not read at all, where the server read it.
   */
  function fallbackBlocks() {
    const blocks = [];
    for (const element of document.body.querySelectorAll(FALLBACK_TAGS)) {
      if (element.parentElement?.closest(FALLBACK_TAGS)) continue;
      const block = blockFromElement(element, KIND_OF_TAG[tagOf(element)] || "p");
      if (block) blocks.push(block);
    }
    return blocks;
  }

  /**
   * One element's text as one block. A line break, a box or a table cell inside it parts
   * the words on either side, as the server's `text_of` parts them (its `APART_TAGS`) and
   * as Readability's blocks are read (`blocksFromArticle`): a forum post of lines,
   * "Hallo zusammen,<br>seit …", was "zusammen,seit", so its copy as a standfirst was not
   * known for the post it is and the post was read twice.
   */
  function blockFromElement(element, kind) {
    const run = new BlockText(kind, element);
    const walk = (node) => {
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (child.nodeType === Node.TEXT_NODE) {
          run.addNode(child, false);
        } else if (child.nodeType === Node.ELEMENT_NODE) {
          const tag = child.tagName.toUpperCase();
          if (UNREAD.has(tag)) continue;
          const apart = tag === "BR" || BOUNDARIES.has(tag) || CELLS.has(tag);
          if (apart) run.separate();
          walk(child);
          if (apart) run.separate();
        }
      }
    };
    walk(element);
    return run.finish();
  }

  const visible = (element) => !element || typeof element.checkVisibility !== "function" || element.checkVisibility();

  // The tags a continued body's box is read by (the server's `_CONTINUED_TAGS`).
  const CONTINUED_TAGS = new Set(["P", "BLOCKQUOTE"]);
  // A box continues the body with this many paragraphs of prose at least (the server's
  // `_CONTINUED_LEAST`: a grid's row above the body holding its byline and date is no prose).
  const CONTINUED_LEAST = 2;
  // A box whose first line with text has this share of its characters in links opens with a
  // link to another page: a related story's card (the server's `_CONTINUED_LINKED`).
  const CONTINUED_LINKED = 0.9;
  // Loose text with fewer words than this is a label, a date or a link (the server's
  // `LOOSE_TEXT_WORDS`).
  const LOOSE_TEXT_WORDS = 6;

  /** Words that end like a sentence: a paragraph, not a label, a date or a link (the
   * server's `_is_prose`). */
  function isProse(text) {
    const clean = text.replace(/\s+/g, " ").trim();
    return clean.split(" ").filter((word) => /\p{L}/u.test(word)).length >= LOOSE_TEXT_WORDS
      && SENTENCE_END.test(clean);
  }

  /** Whether `aunt` prints text beside its `boxes`: loose text of its own, or a child with
   * text that is not only an ad's label (the server's `_holds_more`). */
  function holdsMore(aunt, boxes) {
    for (const child of aunt.childNodes) {
      if (child.nodeType === Node.TEXT_NODE && child.data.trim()) return true;
      if (child.nodeType !== Node.ELEMENT_NODE || boxes.includes(child)) continue;
      const text = readText(child);
      if (text && !isAdLabel(text, tagOf(child).toLowerCase())) return true;
    }
    return false;
  }

  /** Whether the first line with text in `box` is (`CONTINUED_LINKED`) all link: a headline
   * linking to another page, as a related story's card opens (the server's
   * `_opens_with_link`). A chunk of the body opens with its text or a heading of its own. */
  function opensWithLink(box) {
    const chars = (text) => text.replace(/\s+/g, "").length;
    for (const child of box.childNodes) {
      if (child.nodeType === Node.TEXT_NODE && child.data.trim()) return false;
      if (child.nodeType !== Node.ELEMENT_NODE || UNREAD.has(tagOf(child))) continue;
      const text = chars(readText(child));
      if (!text) continue;
      // The server's `iter("a")`: the child itself when it is a link, and the links in it.
      const linked = [child, ...child.querySelectorAll("a")]
        .filter((link) => tagOf(link) === "A" && link.getAttribute("href"))
        .reduce((sum, link) => sum + chars(readText(link)), 0);
      return linked >= CONTINUED_LINKED * text;
    }
    return false;
  }

  /** `blocks` and the blocks `found` on the page (in page order) as one list, each found
   * block after the last block whose text comes before it on the page (the server's
   * `_in_page_order`). */
  function inPageOrder(blocks, found) {
    const out = [...blocks];
    const placed = [];
    let last = null;
    for (const block of blocks) {
      if (block.nodes.length) last = block.nodes[0];
      placed.push(last);
    }
    const follows = (before, at) => before
      && before.compareDocumentPosition(at) & Node.DOCUMENT_POSITION_FOLLOWING;
    for (const block of [...found].reverse()) {
      out.splice(placed.filter((before) => follows(before, block.nodes[0])).length, 0, block);
    }
    return out;
  }

  /**
   * `blocks` with the rest of an article whose body the page prints in several boxes of
   * one kind cut by full-width ad rows (wired.com's article__chunks), in page order: the
   * server's `continued_body`. Readability takes one box when the boxes are of a size (its
   * sibling step looks at the box's own parent, which holds an empty ad rail), and
   * trafilatura one box too, so both stopped mid-story. A box continues the body when it is
   * the container's cousin (same tag and class, same grandparent), holds `CONTINUED_LEAST`
   * paragraphs of prose, does not open with a link (a related story's card) and is the
   * only thing with text in its parent, ad labels aside: the next story of an endless
   * scroll, a forum reply or a blog index's next post has its own head beside its box. Its
   * paragraphs and quotes already read (by element, not by text: an author's repeat is the
   * article's) are left as they are.
   */
  function withContinuedBody(blocks) {
    const outside = blocks.filter((block) => block.anchor && !inChrome(block.anchor, new Set()));
    const wrappers = articleWrappers(outside.length ? outside : blocks);
    const container = wrappers.values().next().value || null;
    const parent = container?.parentElement;
    const top = parent?.parentElement;
    const names = container?.getAttribute("class");
    const page = (element) => ["BODY", "HTML"].includes(tagOf(element));
    if (!container || !names || !top || page(container) || page(top)) return blocks;
    const nodes = blocks.flatMap((block) => block.nodes);
    const anchors = blocks.map((block) => block.anchor).filter(Boolean);
    const read = (child) => nodes.some((node) => child.contains(node))
      || anchors.some((anchor) => anchor === child || anchor.contains(child) || child.contains(anchor));
    const found = [];
    for (const aunt of top.children) {
      if (aunt === parent) continue;
      const boxes = [...aunt.children]
        .filter((box) => box.tagName === container.tagName && box.getAttribute("class") === names);
      if (!boxes.length || holdsMore(aunt, boxes)) continue;
      for (const box of boxes) {
        if (inChrome(box, wrappers) || box.hidden || opensWithLink(box)) continue;
        const own = [...box.children]
          .filter((child) => CONTINUED_TAGS.has(tagOf(child)) && !child.hidden && readText(child));
        if (own.filter((child) => isProse(readText(child))).length < CONTINUED_LEAST) continue;
        for (const child of own) {
          if (read(child)) continue;
          const block = blockFromElement(child, KIND_OF_TAG[tagOf(child)]);
          if (block && visible(block.anchor) && !isLabel(block)) found.push(block);
        }
      }
    }
    return found.length ? inPageOrder(blocks, found) : blocks;
  }

  function isLabel(block) {
    const tag = block.anchor?.tagName?.toUpperCase() || "";
    return !PROSE_TAGS.has(tag) && words(block.text) < 4 && !/[.!?:"”]$/.test(block.text);
  }

  // The server's rules for the site's chrome and the article's apparatus (see
  // server/extraction/markup.py and blocks.py), so that both read the same paragraphs.
  const CHROME_WORDS = /(?:^|[-_ ])(?:menu|menus|nav|navbar|navigation|breadcrumbs?|crumbs?|share|sharing|social|sharebar|related|recommended|newsletter|cookies?|consent|gdpr|comments?|disqus|footer|sidebar|subscribe|subscription|sign-?up|outbrain|taboola|promo|disclaimer|author-?box|author-?bio|about-?the-?author|paywall|toolbar|pagination|pager|tags|topics|themes|temas|keywords|schlagworte|more-stories|read-more|readmore|jump-link|skip-link|masthead|site-header|offcanvas|drawer|hamburger|table-of-contents|toc_container|toc-container|toc_list|ez-toc-container|sr-only|visually-hidden|screen-reader-text|wm-ipp|instagram-media|cloned|clone|slide-duplicate|print-only|printonly|visible-print|show-for-print|only-print|copyright)(?:$|[-_ ])/i;
  // Consent managers' dialogs and cookie declarations, anywhere in a class or id (the server's `_CONSENT_TOOLS`).
  const CONSENT_TOOLS = /cookiebot|cookiedeclaration|borlabs|_brlbs|onetrust|optanon|usercentrics|cookieconsent|cookiebanner|cookie_banner|cmplz|cookiefirst|consentmanager|cmpbox|didomi|iubenda|tarteaucitron|cookieyes|cky-consent|cookie-law-info|klaro/i;
  const CUSTOM_CHROME = /(?:^|-)(?:nav|navigation|menu|header|footer|breadcrumbs?|cookies?|consent|share|sidebar|newsletter|teaser)(?:$|-)/;
  // A side column by its name, "rightBx", "col-right", "rechte-spalte" (the server's
  // `_SIDE_COLUMN`); bare "right" is an alignment class, so only an id of it names a column.
  const SIDE_COLUMN = /(?:^|[-_ ])(?:right|rechte?)[-_]?(?:bx|box|boxes|col|column|wrap|wrapper|bar|side|rail|spalte|sidebar)(?:$|[-_ ])|(?:^|[-_ ])(?:col|column|rail|spalte)[-_]?(?:right|rechts)(?:$|[-_ ])/i;
  const SIDE_IDS = new Set(["right", "rechts"]);
  // WordPress's sidebar widgets as whole class words, case as WordPress spells them, but not
  // Blogger's "widget Blog", which holds the posts (the server's `_WIDGET`, `_BLOG_POSTS`);
  // a box named only "widget" too, wherever it sits.
  const WIDGET = /(?:^|\s)(?:widget|widget_[a-z][a-z0-9_-]*|widget-area|widgets)(?:$|\s)/;
  const BLOG_POSTS = /(?:^|\s)Blog(?:$|\s)/;
  // A tabbed box's "tab-menu" holds its panels, not a menu (the server's `_TAB_MENU`).
  const TAB_MENU = /tabs?[-_]?menu/gi;
  // A table's sections are its own rows: "pager-1" names a page of them.
  const TABLE_SECTIONS = new Set(["TBODY", "THEAD", "TFOOT"]);
  // A site's account machinery, hidden until used: login boxes, sign-in and registration
  // modals, as whole class/id words with camelCase split first ("loginForm"), not a state
  // ("is-login", "login-required"), holding the form's controls, in a box of at most
  // ACCOUNT_BOX_WORDS words (the server's `_ACCOUNT_WORDS`, `_CAMEL`, `_CONTROLS`).
  const ACCOUNT_WORDS = /(?:^|[-_ ])(?<!is-)(?<!has-)(?<!sel_)(?:log[-_]?in|sign[-_]?in|(?:registration|registrierung|register)[-_]?(?:form|modal|box|popup|panel|section|tab|step|wrap|wrapper|container)|account[-_]?modal|auth[-_]?modal)(?![-_]?(?:required|optional|only|needed|state|status))(?:$|[-_ ])/i;
  const CAMEL = /(?<=[a-z])(?=[A-Z])/g;
  const ACCOUNT_BOX_WORDS = 150;
  const isAccountBox = (element) => ACCOUNT_WORDS.test(namesOf(element).replace(CAMEL, "-"))
    && element.querySelector("form,input,button,select,textarea") !== null
    && !wordsOver(element, ACCOUNT_BOX_WORDS);
  // A <dialog> or an aria-modal box, hidden until a script opens it, unless it holds the
  // page's story itself, long or with its <h1> (the server's `_is_modal_box`).
  const isModalBox = (element) => (element.tagName.toUpperCase() === "DIALOG" || element.getAttribute("aria-modal") === "true")
    && !element.querySelector("h1") && !wordsOver(element, ACCOUNT_BOX_WORDS);
  const CHROME_TAGS = new Set(["NAV", "FOOTER", "ASIDE", "FORM", "BUTTON", "SELECT", "MENU"]);
  const CHROME_ROLES = new Set(["navigation", "banner", "contentinfo", "complementary", "menu", "menubar", "search", "dialog", "alertdialog"]);
  const ARTICLE_WORD = /^(?:article|post|entry|story)(?:[-_]?(?:body|content|text))?$/i;
  const isArticleContainer = (element) => namesOf(element).split(/\s+/).some((word) => ARTICLE_WORD.test(word));
  const CAPTION_WORDS = /caption|credits?(?:$|[-_ ])|bildunterschrift|bildnachweis|image-?desc|photo-?desc|img-?desc|(?:^|[-_ ])legende?(?:$|[-_ ])/i;
  const LINK_SHARE = 0.8;
  const MENU_ITEMS = 3;
  const MENU_WORDS = 4;

  const namesOf = (element) => `${element.getAttribute("class") || ""} ${element.id || ""}`;

  function isChromeElement(element) {
    const tag = element.tagName.toUpperCase();
    if (CHROME_TAGS.has(tag) || CHROME_ROLES.has((element.getAttribute("role") || "").toLowerCase())) return true;
    if (tag === "HEADER" && !element.parentElement?.closest("article,main")) return true;
    if (element.getAttribute("aria-hidden") === "true" || isModalBox(element)) return true;
    if (tag.includes("-") && CUSTOM_CHROME.test(tag.toLowerCase())) return true;
    if (TABLE_SECTIONS.has(tag)) return false;
    const names = namesOf(element);
    if (SIDE_IDS.has((element.id || "").toLowerCase())) return true;
    if (isAccountBox(element)) return true;
    const classes = element.getAttribute("class") || "";
    return CHROME_WORDS.test(names.replace(TAB_MENU, "tabs")) || CONSENT_TOOLS.test(names) || SIDE_COLUMN.test(names)
      || (WIDGET.test(classes) && !BLOG_POSTS.test(classes));
  }

  /** Whether a block's element sits in the site's chrome, looking up to the article's
   * container (`wrappers`: the element holding half the article's text, and above). */
  function inChrome(element, wrappers) {
    for (let node = element; node && node !== document.body && node !== document.documentElement; node = node.parentElement) {
      if (node !== element && (wrappers.has(node) || isArticleContainer(node))) return false;
      if (isChromeElement(node)) return true;
      const tag = node.tagName.toUpperCase();
      if (tag === "ARTICLE" || tag === "MAIN") return false;
    }
    return false;
  }

  function articleWrappers(blocks) {
    const held = new Map();
    let total = 0;
    for (const block of blocks) {
      if (!block.anchor) continue;
      total += block.text.length;
      for (let node = block.anchor; node; node = node.parentElement) held.set(node, (held.get(node) || 0) + block.text.length);
    }
    let container = null;
    let depth = -1;
    for (const [node, chars] of held) {
      if (chars < total / 2) continue;
      let d = 0;
      for (let up = node.parentElement; up; up = up.parentElement) d++;
      if (d > depth) [container, depth] = [node, d];
    }
    const wrappers = new Set();
    for (let node = container; node; node = node.parentElement) wrappers.add(node);
    return wrappers;
  }

  function linkShare(element) {
    const total = element.textContent.trim().length;
    if (!total) return 0;
    let linked = 0;
    for (const a of element.querySelectorAll("a")) linked += a.textContent.trim().length;
    return Math.min(1, linked / total);
  }

  // A label and a link: the link at least 30 % of the line, the words before it a label of
  // 4 words at most ending in ":" (the server's `_is_label_and_link`).
  const LABEL_LINK_SHARE = 0.3;
  const LABEL_WORDS = 4;
  const LINKED_TITLE_WORDS = 3;

  /** "Le puede interesar: <a>…</a>", "Czytaj też: <a>…</a>": a story told elsewhere. */
  function isLabelAndLink(block) {
    const element = block.anchor;
    if (!element || words(block.text) > LINK_MAX_WORDS || linkShareOf(element) < LABEL_LINK_SHARE) return false;
    let rest = block.text;
    for (const a of element.querySelectorAll("a")) rest = rest.replace(textOf(a), " ");
    const label = rest.replace(/\s+/g, " ").trim();
    // A story's title is linked, not a name: "Account: @darkzip" credits a photo.
    return label.endsWith(":") && words(label) <= LABEL_WORDS && block.text.startsWith(label.slice(0, -1))
      && words(block.text) - words(label) >= LINKED_TITLE_WORDS;
  }

  /** An <li> of a menu: every entry of its list a short link. */
  function isMenuItem(element) {
    const item = element.closest("li");
    if (!item || linkShare(item) < LINK_SHARE) return false;
    const items = [...item.parentElement.children].filter((li) => li.tagName.toUpperCase() === "LI");
    if (items.length < MENU_ITEMS || items.some((li) => linkShare(li) < LINK_SHARE)) return false;
    return items.reduce((sum, li) => sum + words(li.textContent), 0) / items.length <= MENU_WORDS;
  }

  // The article's apparatus, as the server names it (server/pages/extraction/markup.py):
  // kept, under its own kind, so the detectors treat it apart (a caption repeating the body
  // is not a re-telling, a pull quote is the author's deliberate repeat).
  const APPARATUS = [
    ["figcaption", CAPTION_WORDS],
    ["byline", /(?:^|[-_ ])(?:byline|by-?line|author|authors|author-?name|contributor|writer)(?:$|[-_ ])/i],
    ["dateline", /(?:^|[-_ ])(?:dateline|timestamp|date|published|pubdate|updated|post-?date|article-?date|meta-?date)(?:$|[-_ ])/i],
    ["pullquote", /(?:^|[-_ ])(?:pull-?quote|pullout|pull_quote|callout-?quote)(?:$|[-_ ])/i],
    ["standfirst", /(?:^|[-_ ])(?:standfirst|dek|deck|sub-?headline|subtitle|article-?summary|article-?lead|lede|intro|teaser-?text|strapline|kicker-?text|excerpt|(?:article|product)-?short|short-?desc|short-?description|kurzbeschreibung)(?:$|[-_ ])/i],
  ];
  // Apparatus lines are short: a "byline" of 60 words is a paragraph under a loose class.
  const APPARATUS_WORDS = { byline: 15, dateline: 15, figcaption: 80, pullquote: 60, standfirst: 80 };
  const APPARATUS_DEPTH = 3;
  // One slide of a carousel or a gallery (a whole class word): the text beside its picture
  // is the picture's caption (the server's `_SLIDE`).
  const SLIDE = /(?:^|\s)(?:swiper-slide|slick-slide|glide__slide|splide__slide|carousel-item|carousel-cell|owl-item|slider-item|slider__item|slideshow-item|slideshow__item|gallery-item|gallery__item)(?:$|\s)/i;
  // Embedded players and frames: the short text in their own box is their caption or
  // consent notice (the server's `_beside_embed`, `EMBED_BOX_WORDS`).
  const EMBEDS = "iframe,video,audio,embed,object";
  const EMBED_BOX_WORDS = 60;
  const besideEmbed = (box) => !["ARTICLE", "MAIN", "BODY"].includes(tagOf(box))
    && !wordsOver(box, EMBED_BOX_WORDS) && Boolean(box.querySelector(EMBEDS));
  // The tags whose text the server's `text_of` leaves out.
  const UNREAD = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE"]);

  /** Whether the box's text, as the server's `text_of` reads it, has more than `limit`
   * words, read only as far as needed (the server's `words_over`): the box is often the
   * whole article body, asked about once per block. */
  function wordsOver(box, limit) {
    let count = 0;
    let open = false;
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === 3) {
          const text = child.nodeValue;
          if (!text) continue;
          let found = words(text);
          if (found && open && !/^\s/.test(text)) found -= 1;
          count += found;
          if (count > limit) return true;
          open = !/\s$/.test(text);
        } else if (child.nodeType === 1 && !UNREAD.has(tagOf(child)) && walk(child)) {
          return true;
        }
      }
      return false;
    };
    return walk(box);
  }
  // A standfirst only makes sense at the top: a "lede" class further down is a paragraph.
  const STANDFIRST_WITHIN = 4;
  // Kinds the apparatus replaces (a heading stays a heading, unless it is the standfirst).
  const RETYPED = new Set(["p", "li", "blockquote", "tr", "pre"]);
  // A paragraph this much link text, and this short, is a link ("Read more: …"), not prose.
  const LINK_MAX_WORDS = 25;
  // A paragraph that is all links, this many of them, is a list of links however long.
  const LINK_LIST_LINKS = 3;
  // A photo credit or a source line ("© Oli Scarff/Getty Images", "Quelle: kathpress") of
  // 15 words at most: the server's `is_credit`.
  const CREDIT = /^(?:©|\(c\)\s|(?:quelle|quellen|source|sources|foto|fotos|photo|photos|bild|bilder|bildquelle|beitragsbild|titelbild|symbolbild|credit|credits|image|fuente|crédito|créditos|źródło|zdjęcie|fonte)\s*:|(?:(?:photo|foto|bild|image)\s?(?:credits?|nachweis|rechte)|cr(?:é|e)dits?\s+(?:photos?|fotos?|images?)|(?:fotos?|photos?|bilder?)\s*\/\s*[\p{L}\p{N}_-]+)(?:\s+[^\s:]+){0,2}\s*:)/iu;
  const CREDIT_WORDS = 15;
  const isCredit = (text) => words(text) <= CREDIT_WORDS && CREDIT.test(text);
  // The label over an advertisement ("Anzeige", "Advertisement"): the server's `is_ad_label`.
  const AD_LABEL = /^[^\p{L}\p{N}_]*(?:anzeigen?|werbung|advertisement|advertising|advert|ad|publicidad|publicité|publicite|pubblicità|reklama|sponsored|gesponsert)[^\p{L}\p{N}_]*$/iu;
  // Headings that may be only such a word and still the article's own (the server's
  // `_OWN_HEADINGS`).
  const OWN_HEADINGS = new Set(["h1", "h2", "h3"]);
  // The line (a block of this kind or tag) is only an advertisement's label (the server's
  // `is_ad_label`): a heading of the article's own may be that word.
  const isAdLabel = (text, kind) => !OWN_HEADINGS.has(kind) && AD_LABEL.test(text);
  // A blog's notice that the post holds advertising ("*Werbung. Dieser Beitrag enthält …",
  // "This post contains affiliate links"), when what follows the opening names what it
  // discloses, in 40 words at most: the server's `is_disclosure`. (Python's `\W` and `\b`
  // are Unicode's, JavaScript's ASCII's: hence the \p{L} classes, here and below.)
  const DISCLOSURE = /^[^\p{L}\p{N}_]*(?:(?:\[\s*)?(?:werbung|anzeige|advertisement|advertorial|sponsored|gesponsert)\s*[.:|/\])–-]|(?:dieser|der|unser|mein)\s+(?:artikel|beitrag|post|blogpost|text)\s+(?:enthält|beinhaltet)|this\s+(?:post|article|page|review)\s+(?:contains|may contain|includes))/iu;
  const DISCLOSED = /werb|anzeige|affiliate|sponsor|gesponsert|markennennung|kooperation|pr-sample|provision|advertis|paid|bezahlt/i;
  const DISCLOSURE_WORDS = 40;
  function isDisclosure(text) {
    const found = DISCLOSURE.exec(text);
    return found !== null && words(text) <= DISCLOSURE_WORDS && DISCLOSED.test(text.slice(found[0].length));
  }
  // The site selling its own newsletter, edition or app between the paragraphs ("Subscribe
  // now to our eNATION edition"), in 30 words at most: the server's `is_own_promotion`.
  // ("App"/"Abo" alone or hyphenated up to two words on, a compound only right after the
  // possessive: "unser Ziel knapp verfehlt" is no app; the server's `_OWN_PRODUCT`.)
  const OWN_PRODUCT = /(?<![\p{L}\p{N}_])(?:our|unser[\p{L}\p{N}_]*|nuestr[ao]s?|notre|nos|onze)\s+(?:(?:[\p{L}\p{N}_-]+\s+){0,2}?[\p{L}\p{N}_-]*(?:newsletter|edition|ausgabe|e-?paper|podcast|edición|boletín|boletim|nieuwsbrief)|(?:[\p{L}\p{N}_-]+\s+){0,2}?(?:[\p{L}\p{N}_-]*-)?(?:abo|app|apps)|[\p{L}\p{N}_]{3,}(?:abo|app|apps))(?![\p{L}\p{N}_])/iu;
  const CALL_TO_ACT = /(?<![\p{L}\p{N}_])(?:subscribe|sign up|download|abonnieren|registrieren|bestellen|schauen sie|hazte|suscríbete|descarga|abonnez|click|klicken)(?![\p{L}\p{N}_])/iu;
  const PROMO_WORDS = 30;
  /** Whether the block is the site promoting itself (the server's `is_own_promotion`, one
   * policy for all: its product named as its own with a call anywhere, or a call that opens
   * its sentence: an appeal to join or pay, an app offer, "click here", a newsletter call,
   * its next issue on sale). The regexes are below, with the site's notices. */
  function isOwnPromotion(text) {
    const count = words(text);
    if (count <= PROMO_WORDS && OWN_PRODUCT.test(text) && CALL_TO_ACT.test(text)) return true;
    if (count <= APPEAL_WORDS && APPEAL.test(text)) return true;
    if (count <= CLICK_WORDS && CLICK_HERE.test(text)) return true;
    if (count > NOTICE_WORDS) return false;
    const sale = new Set(Array.from(text.matchAll(ON_SALE), (found) => found[0].toLowerCase()));
    return APP_OFFER.test(text) || NEWSLETTER_CALL.test(text)
      || (ISSUE.test(text) && sale.size >= 2 && PERIODICAL.test(text));
  }

  // --- the server's s23 rules: the site speaking of itself, other stories, headings over
  // nothing, an author's note, page turns (server/pages/extraction/notices.py
  // `is_site_notice`; blocks.py `is_story_teaser`, `is_page_turn`,
  // `_without_headings_over_nothing`, `drop_author_note`). Python's Unicode `\w`, `\b` and `\d` are spelt out with \p{…}
  // (JavaScript's are ASCII-only), its `match` is `^…` and its `fullmatch` `^…$`.
  const W = "[\\p{L}\\p{N}_]";
  const NOT_W = "[^\\p{L}\\p{N}_]";
  /** A word starts here / ends here: Python's `\b` before a word's first letter and after
   * its last. */
  const START = `(?<!${W})`;
  const END = `(?!${W})`;

  /**
   * A regex source whose letters match either case, outside character classes and
   * escapes: the server's `(?i:…)` groups inside a case-sensitive pattern (JavaScript has
   * no scoped flags, and under `i` a class like [A-Z] matches lower case too).
   */
  function anyCase(source) {
    let out = "";
    for (let i = 0; i < source.length; i++) {
      const char = source[i];
      if (char === "\\") {
        const property = /^\\[pP]\{[^}]*\}/.exec(source.slice(i));
        const escape = property ? property[0] : source.slice(i, i + 2);
        out += escape;
        i += escape.length - 1;
      } else if (char === "[") {
        const end = source.indexOf("]", i + 1);
        out += source.slice(i, end + 1);
        i = end;
      } else if (char.toLowerCase() !== char.toUpperCase()) {
        out += `[${char.toLowerCase()}${char.toUpperCase()}]`;
      } else {
        out += char;
      }
    }
    return out;
  }

  // The site speaking of itself in a line of its own (the server's `is_site_notice`): its
  // taxonomy line, a disclaimer, its licence or copyright, an appeal to join or pay, its app,
  // "click here", a label over other stories, a count of comments, its footer's links, its
  // next issue on sale. Each regex is the server's of the same name.
  const TAXONOMY = /(?:^|[|•·/]\s*|\p{Nd}\s+)(?:categor(?:y|ies)|kategorien?|rubriken?|categorías?|categorias?|catégories?|categorie|tags|schlagw(?:ö|oe)rter|schlagworte|stichw(?:ö|oe)rter|filed under|abgelegt unter|posted in|veröffentlicht in|etiquetas|archiviert unter)\s*:/iu;
  // (The German formulas as the whole line, elsewhere information said to come "without
  // guarantee": a loan granted "without guarantee" is news, and a lotto story's numbers end
  // "(Angaben ohne Gewähr)" inside their own line.)
  const DISCLAIMER = /^[^\p{L}\p{N}_]*(?:(?:alle|s(?:ä|ae)mtliche)\s+)?angaben\s+ohne\s+gew(?:ä|ae)hr[^\p{L}\p{N}_]*$|^[^\p{L}\p{N}_]*(?:(?:(?:ä|ae)nderungen|druckfehler)\s+und\s+)?irrt(?:ü|ue)mer\s+vorbehalten[^\p{L}\p{N}_]*$|(?:information|details|data|datos|informaci(?:ó|o)n|informations?|informazioni)\s+(?:[\p{L}\p{N}_]+\s+)?(?:without\s+guarantee|sin\s+garant(?:í|i)a|sans\s+garantie|senza\s+garanzia)/iu;
  const DISCLAIMER_WORDS = 12;
  const SITE_CONTENT = /(?:inhalte?|texte?|beitr(?:ä|ae)ge|content|contents|material|contenidos?|contenus?)\s+(?:dieser|dieses|auf dieser|of this|on this|de este|de esta|de ce|du)\s+(?:website|webseite|internetseite|seite|site|sitio|blogs?|page|p(?:á|a)gina)/iu;
  // (Whole words: "Menschenrechte" and "endroits" are no licence.)
  const LICENCE = new RegExp(`${START}(?:lizen[sz]${W}*|licen[sc]${W}*|cc[- ]by|creative\\s+commons|urheberrecht${W}*|copyright|rechte|rights|derechos|droits)${END}`, "iu");
  const LICENSED_WORK = /^[^\p{L}\p{N}_]*this\s+(?:work|blog|site|website|article|post|page)\s+is\s+licen[sc]ed\s+under/iu;
  const RESERVED = /^[^\p{L}\p{N}_]*(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:19|20)\p{Nd}\p{Nd}(?![\p{L}\p{N}_])|all\s+rights\s+reserved|alle\s+rechte\s+vorbehalten|todos\s+los\s+derechos\s+reservados|tous\s+droits\s+r(?:é|e)serv(?:é|e)s|tutti\s+i\s+diritti\s+riservati|wszelkie\s+prawa\s+zastrze(?:ż|z)one|materia(?:ł|l)\s+chroniony\s+prawem/iu;
  const COPYRIGHT_WORDS = 20;
  // An appeal or a call opens its sentence: "… applied to become a member of the European
  // Union" and "passengers can download the app for iOS" are news (the server's
  // `_SENTENCE_START`); no call opens after an opening quotation mark, someone else's voice
  // (the server's `_NOT_WORD_NOR_QUOTE`).
  const NOT_WORD_NOR_QUOTE = `[^\\p{L}\\p{N}_"“”„‚«»‹›'‘’—–]`;
  // ... but a » or › with a space after it is a link's arrow ("» Jetzt Mitglied werden"),
  // not a quotation mark (the server's `_LINE_LEAD`).
  const LINE_LEAD = `(?:${NOT_WORD_NOR_QUOTE}|[»›](?=\\s))*`;
  // The arrow opens the block's line, and no closing « or ‹ follows in the block ("» Unterstützen
  // Sie uns «, appellierte …"; "… « Nous fermons. » Soutenez-nous, ont répondu …"): the server's.
  const SENTENCE_START = `(?:^(?![^«‹]*[«‹])${LINE_LEAD}|[.!?:]\\s*${NOT_WORD_NOR_QUOTE}*)`;
  // A clause before the call ("For the latest stories …"), or a condition ending at its
  // comma ("If you're on the app, …"): the server's `_LEAD_IN`.
  const LEAD_IN = `(?:(?:for|für|para|pour|per)${END}[^.!?]{0,60}?[\\s,]\\s*|(?:if|wenn|falls|si|se)${END}[^.!?,]{0,60},\\s*)?`;
  const APPEAL = new RegExp(SENTENCE_START + String.raw`(?:please\s+|bitte\s+|jetzt\s+|por\s+favor,?\s+)?(?:hazte\s+(?:miembro|socio|socia|suscriptor)|become\s+a\s+(?:member|supporter|patron)|werden\s+sie\s+(?:jetzt\s+)?(?:mitglied|unterst(?:ü|ue)tzer)|jetzt\s+mitglied\s+werden|devenez\s+(?:membre|abonn(?:é|e))|(?:support|unterst(?:ü|ue)tzen\s+sie|unterst(?:ü|ue)tze|sichere|sichern\s+sie|apoya|apoye|soutenez)\s+(?:our|unseren|diesen|den|unabh(?:ä|ae)ngigen|independent|quality|nuestro|el|notre|le)\s+(?:[\p{L}\p{N}_]+\s+)?(?:journalism|journalismus|periodismo|journalisme)|(?:support\s+us|unterst(?:ü|ue)tze(?:n\s+sie)?\s+uns|ap(?:ó|o)y(?:a|e)nos|soutenez-nous|sostienici|apoie-nos|wesprzyj\s+nas|steun\s+ons)(?![\p{L}\p{N}_]))`, "iu");
  const APPEAL_WORDS = 60;
  const APP_OFFER = new RegExp(`${SENTENCE_START}${LEAD_IN}(?:download|get|install|lade|laden\\s+sie|hol\\s+dir|holen\\s+sie\\s+sich|descarga|descargue|baja|t(?:é|e)l(?:é|e)charge[rz]?)${END}.{0,60}?${START}apps?${END}.{0,40}?${START}(?:ios|android|app\\s+store|google\\s+play|play\\s+store)${END}`, "iu");
  const CLICK_HERE = new RegExp(SENTENCE_START + LEAD_IN + String.raw`(?:einfach\s+|bitte\s+|jetzt\s+|please\s+|just\s+|simply\s+)?(?:hier\s+klicken|klicken\s+sie\s+hier|klick\s+hier|click\s+here|haga\s+clic\s+aqu(?:í|i)|haz\s+clic\s+aqu(?:í|i)|cliquez\s+ici|clicca\s+qui|kliknij\s+tutaj|clique\s+aqui|klik\s+hier)`, "iu");
  // A call to subscribe to a newsletter, opening its sentence (the server's `_NEWSLETTER_CALL`).
  const NEWSLETTER_CALL = new RegExp(SENTENCE_START + String.raw`(?:jetzt\s+|now\s+|bitte\s+|please\s+)?(?:subscribe|sign\s+up|abonniere|abonnieren\s+sie|melde\s+dich|melden\s+sie\s+sich|registriere\s+dich|suscr(?:í|i)b(?:e|a)te|suscr(?:í|i)base|reg(?:í|i)strate|abonnez-vous|inscrivez-vous|iscriviti|iscrivetevi|assine|inscreva-se|cadastre-se|zapisz\s+si(?:ę|e)|zasubskrybuj|subskrybuj|schrijf\s+je\s+in|meld\s+je\s+aan|abonneer)(?![\p{L}\p{N}_]).{0,60}?(?:newsletter[\p{L}\p{N}_]*|nieuwsbrief|bolet(?:í|i)n|boletim|lettre\s+d'information)`, "iu");
  const CLICK_WORDS = 25;
  const RELATED_LABEL = new RegExp(`^${NOT_W}*(?:mehr\\s+zum\\s+thema|lesen\\s+sie\\s+(?:auch|mehr)|auch\\s+interessant|das\\s+k(?:ö|oe)nnte\\s+(?:sie|dich)\\s+auch\\s+interessieren|weitere\\s+artikel|(?:verwandte|(?:ä|ae)hnliche)\\s+artikel|`
    + String.raw`(?:weitere|verwandte|(?:ä|ae)hnliche|passende)\s+(?:beitr(?:ä|ae)ge|nachrichten|themen|meldungen)|passend\s+zum\s+thema|`
    + String.raw`you\s+(?:may|might)\s+also\s+like|related\s+(?:articles|posts|stories|content|news|reading|coverage)|read\s+(?:more|also|next)|more\s+(?:stories|news)|also\s+read|further\s+reading|recommended\s+(?:for\s+you|articles|stories|reading)|`
    + String.raw`m(?:á|a)s\s+noticias|te\s+puede\s+interesar|(?:tambi(?:é|e)n\s+)?le\s+puede\s+interesar|lee\s+tambi(?:é|e)n|lea\s+tambi(?:é|e)n|(?:art(?:í|i)culos|noticias|notas|contenidos?|publicaciones|entradas)\s+relacionad[oa]s|`
    + String.raw`(?:à|a)\s+lire\s+aussi|lire\s+aussi|(?:à|a)\s+voir\s+aussi|sur\s+le\s+m(?:ê|e)me\s+sujet|articles?\s+(?:similaires|li(?:é|e)s|connexes|associ(?:é|e)s)|vous\s+aimerez\s+aussi|`
    + String.raw`leggi\s+anche|(?:ti\s+)?potrebbe\s+(?:anche\s+)?interessarti|(?:articoli|notizie|post)\s+correlat[ie]|`
    + String.raw`leia\s+tamb(?:é|e)m|veja\s+tamb(?:é|e)m|(?:artigos|not(?:í|i)cias|posts|mat(?:é|e)rias)\s+relacionad[oa]s|voc(?:ê|e)\s+(?:tamb(?:é|e)m\s+)?pode\s+gostar|`
    + String.raw`czytaj\s+(?:też|także|r(?:ó|o)wnie(?:ż|z))|(?:zobacz|przeczytaj)\s+(?:te(?:ż|z)|tak(?:ż|z)e|r(?:ó|o)wnie(?:ż|z))|(?:powi(?:ą|a)zane|podobne)\s+(?:artyku(?:ł|l)y|tre(?:ś|s)ci|wpisy)|`
    + String.raw`lees\s+ook|bekijk\s+ook|ook\s+interessant|gerelateerde\s+(?:artikelen|berichten|verhalen)|meer\s+nieuws)`
    + `${END}[^.!?,;]*$`, "iu");
  // A widget's label that is the whole line, and the comment section's heading (the
  // server's `_LABEL_ALONE`, `_COMMENT_LABEL`).
  const COMMENT_LABEL_SOURCE = String.raw`comments?|leave\s+a\s+(?:reply|comment)|post\s+a\s+comment|kommentare?|(?:schreibe|hinterlasse)\s+einen\s+kommentar|kommentar\s+(?:schreiben|verfassen|hinterlassen)|comentarios?|deja\s+(?:un\s+comentario|una\s+respuesta)|commentaires?|laisse[rz]\s+un\s+commentaire|commenti|lascia\s+un\s+commento|coment(?:á|a)rios?|deixe\s+(?:um\s+coment(?:á|a)rio|uma\s+resposta)|komentarze?|dodaj\s+komentarz|zostaw\s+komentarz|reacties?|laat\s+een\s+reactie\s+achter|comments?\s+(?:are\s+)?closed|kommentare\s+(?:sind\s+)?geschlossen|comentarios\s+(?:est(?:á|a)n\s+)?cerrados|(?:les\s+)?commentaires\s+(?:sont\s+)?ferm(?:é|e)s|(?:i\s+)?commenti\s+(?:sono\s+)?chiusi|coment(?:á|a)rios\s+(?:est(?:ã|a)o\s+)?(?:encerrados|fechados)|komentarze\s+(?:s(?:ą|a)\s+)?(?:wy(?:łą|la)czone|zamkni(?:ę|e)te)|reacties\s+(?:zijn\s+)?gesloten`;
  // A blog's links to the next or the previous post, the whole line only (the server's
  // `_POST_NAVIGATION_SOURCE`).
  const POST_NAVIGATION_SOURCE = String.raw`(?:next|previous|prev|older|newer)\s+(?:article|post|story|entry|posts|entries)|vorschau\s+auf\s+den\s+n(?:ä|ae)chsten\s+(?:artikel|beitrag)|(?:n(?:ä|ae)chster|vorheriger|voriger)\s+(?:artikel|beitrag)|(?:(?:ä|ae)ltere|neuere)\s+(?:beitr(?:ä|ae)ge|artikel|eintr(?:ä|ae)ge)|article\s+(?:suivant|pr(?:é|e)c(?:é|e)dent)|art(?:í|i)culo\s+(?:siguiente|anterior)|(?:entrada|publicaci(?:ó|o)n)\s+(?:siguiente|anterior)|articolo\s+(?:successivo|precedente)|(?:pr(?:ó|o)ximo|anterior)\s+artigo|artigo\s+(?:seguinte|anterior)|(?:nast(?:ę|e)pny|poprzedni)\s+(?:artyku(?:ł|l)|wpis)|(?:volgend|vorig)e?\s+(?:artikel|bericht)`;
  const LABEL_ALONE = new RegExp(`^${NOT_W}*(?:`
    + String.raw`related|see\s+also|siehe\s+auch|read\s+more|continue\s+reading|weiterlesen|mehr\s+lesen|leer\s+m(?:á|a)s|seguir\s+leyendo|lire\s+la\s+suite|leggi\s+(?:di\s+pi(?:ù|u)|tutto)|continua\s+a\s+leggere|leia\s+mais|continue\s+lendo|czytaj\s+wi(?:ę|e)cej|lees\s+(?:meer|verder)|`
    + String.raw`learn\s+more|find\s+out\s+more|mehr\s+erfahren|en\s+savoir\s+plus|m(?:á|a)s\s+informaci(?:ó|o)n|saber\s+m(?:á|a)s|scopri\s+di\s+pi(?:ù|u)|saiba\s+mais|dowiedz\s+si(?:ę|e)\s+wi(?:ę|e)cej|meer\s+informatie|load\s+more|lade\s+weitere\s+(?:inhalte|artikel|beitr(?:ä|ae)ge)|mehr\s+laden|cargar\s+m(?:á|a)s|charger\s+plus|carica\s+altri|carregar\s+mais|za(?:ł|l)aduj\s+wi(?:ę|e)cej|meer\s+laden|topics|themen|temas|sujets|argomenti|t(?:ó|o)picos|tematy|onderwerpen|`
    + String.raw`share(?:\s+(?:this|this\s+(?:article|story|post|page)|on))?|(?:diesen\s+)?(?:artikel\s+|beitrag\s+)?teilen(?:\s+(?:mit|auf))?|compart(?:ir|e|a)(?:\s+(?:en|esta\s+noticia|este\s+art(?:í|i)culo))?|partage[rz]?(?:\s+(?:sur|cet\s+article))?|condividi(?:\s+(?:su|questo\s+articolo))?|compartilh(?:e|ar)(?:\s+(?:isso|esta\s+not(?:í|i)cia))?|udost(?:ę|e)pnij|deel(?:\s+dit\s+artikel)?|delen|`
    + String.raw`(?:like\s+this|gef(?:ä|ae)llt\s+mir|me\s+gusta|j'aime|mi\s+piace|curtir\s+isso|lubi(?:ę|e)\s+to|vind\s+ik\s+leuk|rate\s+this|bewerten|valora\s+esto|(?:é|e)valuez\s+ceci|vota\s+questo|avalie\s+isto|oce(?:ń|n)\s+to|waardeer\s+dit)\s*:|`
    + `${COMMENT_LABEL_SOURCE}|${POST_NAVIGATION_SOURCE})${NOT_W}*$`, "iu");
  const COMMENT_LABEL = new RegExp(`^${NOT_W}*(?:${COMMENT_LABEL_SOURCE})${NOT_W}*$`, "iu");
  // The heading over a comment thread ("3 thoughts on “Title”", "2 Antworten zu „…“": the
  // post's title quoted after the preposition) or over one numbered comment naming only its
  // author ("#1 Kommentar von Naru-chan"): the server's `_COMMENT_THREAD`.
  const COMMENT_THREAD = new RegExp(`^(?:${NOT_W}*(?:\\p{Nd}+|one|eine?n?|un[ae]?|uno|uma?|jed(?:en|na))\\s+`
    + String.raw`(?:thoughts?\s+on|responses?\s+to|repl(?:y|ies)\s+to|comments?\s+(?:on|to)|antworten?\s+(?:zu|auf)|gedanken?\s+zu|kommentare?\s+zu|r(?:é|e)ponses?\s+(?:à|a)|commentaires?\s+sur|respuestas?\s+a|comentarios?\s+(?:en|a|sobre)|commenti\s+su|risposte\s+a|coment(?:á|a)rios?\s+(?:em|sobre)|respostas?\s+(?:para|a)|komentarz(?:y|e)?\s+do|reacties?\s+op)\s+["“„«‹‘'].*`
    + `|${NOT_W}*#?\\p{Nd}+\\.?\\s+`
    + String.raw`(?:kommentar|comment|comentario|commentaire|commento|coment(?:á|a)rio|komentarz|reactie)\s+(?:von|by|de|di|od|van)\s+\S+(?:\s+\S+){0,3})$`, "iu");
  const COMMENT_HEADING_WORDS = 20;
  // A cookie banner's text printed in the page, opening its block (the server's
  // `_CONSENT_NOTICE`, `CONSENT_NOTICE_WORDS`).
  const CONSENT_NOTICE = new RegExp(`^${LINE_LEAD}` + String.raw`(?:we\s+respect\s+your\s+privacy|wir\s+respektieren\s+(?:deine|ihre)\s+privatsph(?:ä|ae)re|respetamos\s+tu\s+privacidad|nous\s+respectons\s+votre\s+vie\s+priv(?:é|e)e|rispettiamo\s+la\s+tua\s+privacy|respeitamos\s+a\s+sua\s+privacidade|szanujemy\s+(?:twoj(?:ą|a)\s+)?prywatno(?:ść|sc)|wij\s+respecteren\s+(?:uw|je)\s+privacy|(?:this|our)\s+(?:web)?site\s+uses\s+cookies|we\s+use\s+cookies|diese\s+(?:web)?seite\s+(?:verwendet|nutzt)\s+cookies|diese\s+website\s+(?:verwendet|nutzt)\s+cookies|wir\s+(?:verwenden|nutzen)\s+cookies|este\s+(?:sitio\s+web|sitio|site)\s+utiliza\s+cookies|utilizamos\s+cookies|ce\s+site\s+utilise\s+des\s+cookies|nous\s+utilisons\s+des\s+cookies|questo\s+sito\s+utilizza\s+(?:i\s+)?cookie|utilizziamo\s+(?:i\s+)?cookie|usamos\s+cookies|ta\s+strona\s+u(?:ż|z)ywa\s+(?:plik(?:ó|o)w\s+)?cookie|deze\s+(?:web)?site\s+(?:maakt\s+gebruik\s+van|gebruikt)\s+cookies|wij\s+gebruiken\s+cookies)(?![\p{L}\p{N}_])`, "iu");
  const CONSENT_NOTICE_WORDS = 80;
  // The site's disclaimer that an opinion piece is its author's, in the site's voice and
  // opening the block, each language's formula ("Dieser Beitrag gibt die Meinung des Autors
  // wieder, …", "The views expressed in this article are those of the author"), naming the
  // author or the site as a whole word or saying "not necessarily": the server's `_OPINION`,
  // `_OPINION_SITE_WORDS`, `OPINION_WORDS`.
  const OPINION = new RegExp(`^${NOT_WORD_NOR_QUOTE}*(?:`
    + String.raw`(?:dieser|der|unser)\s+(?:gast)?(?:beitrag|artikel|text|kommentar)\s+gibt\s+(?:[\p{L}\p{N}_]+\s+)?(?:die\s+)?(?:meinung|ansicht|auffassung)\s+(?:des|der|von)\s+(?:autors|autorin|autoren|autorinnen|verfassers|verfasserin|gastautors|gastautorin)(?![\p{L}\p{N}_])|`
    + String.raw`namentlich\s+gekennzeichnete\s+(?:beitr(?:ä|ae)ge|artikel)\s+geben(?![\p{L}\p{N}_])|`
    + String.raw`(?:the\s+)?(?:views|opinions)\s+(?:and\s+opinions\s+)?expressed\s+(?:(?:in|on)\s+(?:this|these)\s+(?:article|post|piece|column|blog|op-ed|website|site|page|commentary)s?\s+|here(?:in)?\s+|)(?:(?:are|is)\s+(?:those|solely|entirely|the\s+author|the\s+writer|their\s+own|not\s+necessarily)|do\s+not\s+necessarily)|`
    + String.raw`les\s+(?:opinions|propos|points\s+de\s+vue)\s+(?:exprim(?:é|e)(?:e|s|es)?|tenus)\s+(?:dans\s+(?:cet|ce|cette)\s+[\p{L}\p{N}_]+\s+|ici\s+)?n'engagent\s+que|`
    + String.raw`(?:cet|ce)\s+(?:article|texte|billet)\s+n'engage\s+que|`
    + String.raw`las\s+opiniones\s+(?:aqu(?:í|i)\s+)?(?:expresadas|vertidas)\s+(?:en\s+(?:este|esta)\s+[\p{L}\p{N}_]+\s+)?(?:son|no\s+reflejan|no\s+representan)(?![\p{L}\p{N}_])|`
    + String.raw`le\s+opinioni\s+espresse\s+(?:in\s+questo\s+[\p{L}\p{N}_]+\s+)?(?:sono|non\s+riflettono|non\s+rappresentano)(?![\p{L}\p{N}_])|`
    + String.raw`as\s+opini(?:õ|o)es\s+(?:aqui\s+)?(?:expressas|emitidas)\s+(?:neste\s+[\p{L}\p{N}_]+\s+|nesta\s+[\p{L}\p{N}_]+\s+)?(?:s(?:ã|a)o|n(?:ã|a)o\s+refletem|n(?:ã|a)o\s+representam)(?![\p{L}\p{N}_])|`
    + String.raw`opinie\s+wyra(?:ż|z)one\s+w\s+(?:tek(?:ś|s)cie|artykule|tym\s+[\p{L}\p{N}_]+)\s+(?:s(?:ą|a)|nie)(?![\p{L}\p{N}_])|`
    + String.raw`(?:de\s+)?(?:in\s+dit\s+[\p{L}\p{N}_]+\s+)?(?:geuite|verwoorde|weergegeven)\s+(?:meningen|standpunten|opvattingen)\s+(?:zijn|komen|vallen)(?![\p{L}\p{N}_])|`
    + String.raw`dit\s+(?:artikel|stuk|opiniestuk)\s+geeft\s+de\s+mening\s+(?:weer\s+)?van\s+de\s+(?:auteur|schrijver)(?![\p{L}\p{N}_]))`, "iu");
  const OPINION_SITE_WORDS = new RegExp(`${START}(?:`
    + String.raw`autors?|autorin|autoren|verfasser(?:in|s)?|redaktion|herausgeber|author'?s?|authors|writer'?s?|editors?|publisher|auteurs?|r(?:é|e)daction|autor(?:a|es)?|redacci(?:ó|o)n|responsabilidad|autore|autori|redazione|reda(?:ç|c)(?:ã|a)o|responsabilidade|redakcji|redakcja|schrijver|redactie|necessarily|notwendigerweise|unbedingt|n(?:é|e)cessairement|necesariamente|necessariamente|koniecznie|noodzakelijkerwijs`
    + `)${END}`, "iu");
  const OPINION_WORDS = 60;
  // ... and no reporting tail after a comma or a dash ("…, the ministry said", "…, sagte der
  // Chefredakteur", "…, a rappelé la direction"): the server's `_REPORTED`.
  const REPORTED = new RegExp(String.raw`[,–—]\s*(?:[\p{L}\p{N}_]+\s+){0,3}(?:said|says|told|added|wrote|joked|admitted|stated|argued|`
    + String.raw`sagte|sagt|erkl(?:ä|ae)rte|erkl(?:ä|ae)rt|meint|meinte|betonte|schrieb|`
    + String.raw`a\s+(?:dit|(?:é|e)crit|[\p{L}\p{N}_]+(?:é|u))|explique|avoue|d(?:é|e)clare|`
    + String.raw`dijo|aclar(?:ó|o)|afirm(?:ó|o)|reconoce|explic(?:ó|o)|señal(?:ó|o)|`
    + String.raw`ha\s+[\p{L}\p{N}_]+(?:ato|uto|ito)|dice|disse|afirmou|admite|declarou|`
    + String.raw`zei|zegt|stelt|oordeelde|m(?:ó|o)wi|powiedzia(?:ł|l)a?|twierdzi|przekonywa(?:ł|l)a?)(?![\p{L}\p{N}_])`, "iu");
  // A blog's line on where the post was filed ("This entry was posted in …") and a box asking
  // to rate the article (the server's `_POSTED_IN`, `_RATE_ARTICLE`).
  const POSTED_IN = new RegExp(`^${NOT_W}*(?:` + String.raw`this\s+entry\s+was\s+posted\s+(?:in|on)|dieser\s+eintrag\s+wurde\s+(?:am|in|unter)|cette\s+entr(?:é|e)e\s+a\s+(?:é|e)t(?:é|e)\s+publi(?:é|e)e|esta\s+entrada\s+fue\s+publicada|questo\s+(?:articolo|post)\s+(?:è|e)\s+stato\s+pubblicato|esta\s+entrada\s+foi\s+publicada|ten\s+wpis\s+zosta(?:ł|l)\s+opublikowany|dit\s+bericht\s+(?:werd|is)\s+geplaatst)` + END, "iu");
  const ARTICLE_WORDS = String.raw`(?:article|artikel|beitrag|art(?:í|i)culo|articolo|artigo|artyku(?:ł|l)`;
  const RATE_ARTICLE = new RegExp(`^${NOT_W}*(?:(?:hier\\s+k(?:ö|oe)nnen\\s+sie|bitte|please)\\s+)?(?:`
    + String.raw`(?:rate|bewerten(?:\s+sie)?|valora|val(?:ó|o)rese|notez|(?:é|e)valuez|vota|avalie|oce(?:ń|n)|beoordeel)\s+(?:[\p{L}\p{N}_]+\s+)?` + ARTICLE_WORDS + "|post|story)|"
    + String.raw`(?:[\p{L}\p{N}_]+\s+)?` + ARTICLE_WORDS + String.raw`)\s+(?:rate|bewerten|valorar|noter|votare|avaliar|oceni(?:ć|c)|beoordelen))${NOT_W}*$`, "iu");
  const RELATED_LABEL_WORDS = 6;
  const COMMENT_COUNT = new RegExp(`^${NOT_W}*(?:[\\p{L}\\p{N}_-]+\\s+)?\\p{Nd}+\\s+(?:kommentare?|comments?|comentarios?|commentaires?|komentarz(?:y|e)?|commenti|commento|coment(?:á|a)rios?|reacties?)${NOT_W}*$`, "iu");
  const FOOTER_WORDS = new RegExp(`${START}(?:impressum|datenschutz(?:erkl(?:ä|ae)rung|hinweise)?|cookie-(?:erkl(?:ä|ae)rung|einstellungen|richtlinie)|agb|imprint|privacy\\s+policy|terms\\s+of\\s+(?:use|service)|cookie\\s+policy|aviso\\s+legal|pol(?:í|i)tica\\s+de\\s+privacidad|mentions\\s+l(?:é|e)gales|sitemap)${END}`, "giu");
  const ISSUE = new RegExp(`${START}(?:aktuelle|neue|neueste|current|latest|new|(?:ú|u)ltima|nueva)\\s+(?:ausgabe|issue|heft|edici(?:ó|o)n|n(?:ú|u)mero)${END}`, "iu");
  // Two different words of sale, one of them a periodical's: "the current issue is that no
  // vaccine is available" has one, the Duden's new edition "im Handel erhältlich" is sold in
  // shops (the server's `_ON_SALE`, `_PERIODICAL`).
  const ON_SALE = /erh(?:ä|ae)ltlich|available|kiosk|newsstands?|im\s+handel|im\s+abo|e-?paper|abonnement|disponible|quiosco/giu;
  const PERIODICAL = /kiosk|newsstand|im\s+abo|e-?paper|abonnement|quiosco/iu;
  const NOTICE_WORDS = 30;
  // A notice about the reader's browser ("JavaScript ist deaktiviert", "Please enable
  // JavaScript", "Your browser does not support the video tag"; a negation or a request in
  // every branch, ending its sentence): the server's `_BROWSER_NOTICE`, `BROWSER_NOTICE_WORDS`.
  // A request is the notice's only when nothing but "in your browser" or its purpose follows
  // ("Enable JavaScript only on sites you trust, the project advised" is advice): `_REQUEST_END`.
  // "In your browser" in each language's own preposition, its settings too; "and cookies",
  // "or use" another browser: the server's `_IN_YOUR_BROWSER`.
  const IN_YOUR_BROWSER = String.raw`(?:in\s+(?:your|ihrem|ihren|deinem|deinen|uw|je)|dans\s+votre|en\s+(?:tu|su)|nel\s+tuo|no\s+seu|w\s+swojej)\s+(?:web\s*)?(?:browser|navigateur|navegador|przegl[\p{L}\p{N}_]*)(?:[\s-]*(?:settings|einstellungen))?`;
  const REQUEST_END = String.raw`(?:\s+` + IN_YOUR_BROWSER + String.raw`)?`
    + String.raw`(?:\s*,?\s*(?:to|um|pour|afin\s+de|para|per|om|aby|and\s+(?:reload|refresh|cookies)|or\s+(?:use|switch\s+to))(?![\p{L}\p{N}_])[^.!?,;]*)?\s*(?:[.!]|$)`;
  // German/Dutch verb-final negation after up to three words only when "nicht"/"niet" ends the
  // block ("… unterstützt ab Juni keine Manifest-V2-Erweiterungen mehr" is news); a "?" ends no notice.
  const BROWSER_NOTICE = new RegExp(`^${NOT_W}*(?:`
    + String.raw`javascript\s+(?:is|ist|est|est(?:á|a)|(?:è|e)|jest)\s+(?:disabled|deaktiviert|turned\s+off|ausgeschaltet|d(?:é|e)sactiv(?:é|e)|desactivado|deshabilitado|disabilitato|desativado|wy(?:łą|la)czony|uitgeschakeld)(?:\s+` + IN_YOUR_BROWSER + String.raw`)?\s*(?:[.!]|$)|`
    + String.raw`(?:(?:please\s+)?enable\s+javascript|you\s+need\s+to\s+enable\s+javascript|(?:bitte\s+)?aktivieren\s+sie\s+(?:bitte\s+)?javascript|veuillez\s+activer\s+(?:le\s+)?javascript|activa\s+javascript|habilita\s+javascript|abilita\s+javascript|ative\s+o\s+javascript|w(?:łą|la)cz\s+javascript|schakel\s+javascript\s+in\s+(?:uw|je)\s+browser\s+in|schakel\s+javascript\s+in)` + REQUEST_END + "|"
    + String.raw`(?:your|ihr|dein|votre|tu|su|il\s+tuo|seu|twoja|uw)\s+(?:web\s*)?(?:browser|navigateur|navegador|przegl(?:ą|a)darka)\s+(?:does\s+not|doesn't|unterst(?:ü|ue)tzt\s+(?:(?:[\p{L}\p{N}_]+\s+)?(?:kein|nicht)|(?:[\p{L}\p{N}_-]+\s+){1,3}nicht(?=\s*[.!]?$))|ne\s+(?:supporte|prend)|no\s+(?:soporta|admite|es\s+compatible)|non\s+supporta|n(?:ã|a)o\s+suporta|nie\s+obs(?:ł|l)uguje|ondersteunt\s+(?:(?:[\p{L}\p{N}_]+\s+)?(?:geen|niet)|(?:[\p{L}\p{N}_-]+\s+){1,3}niet(?=\s*[.!]?$)))[^.!?,;]*(?:[.!]|$))`, "iu");
  const BROWSER_NOTICE_WORDS = 25;
  // A player's data notice opening its block after a label of three words at most, to the
  // reader about *this* player, naming the platform as the party data go to or whose terms
  // apply, every sentence about data or consent ("Hinweis: Wenn Sie dieses Video hier
  // abspielen, erfolgt eine Datenübertragung an YouTube bzw. Google."): the server's
  // `_EMBED_NOTICE`, `_EMBED_DATA`, `SENTENCE_WORDS`, `EMBED_NOTICE_WORDS` (Python's \b is
  // `START`/`END` here, its \w `W`).
  const EMBED_PLATFORM = String.raw`(?:youtube|google|vimeo|facebook|meta|instagram|twitter|x\.com|tiktok|spotify|soundcloud|podigee|datawrapper|drittanbieter${W}*|third[- ]part(?:y|ies)|tiers|terceros|terzi|derden)`;
  const THIS_PLAYER = String.raw`(?:dieses|diesen|diese|this|cette|ce|este|esta|questo|questa|deze|dit)\s+(?:${W}+[- ])?(?:video|videos|player|inhalt|inhalte|beitrag|podcast|audio|content|embed|post|tweet|vid(?:é|e)o|contenu|v(?:í|i)deo|contenido|contenuto|inhoud)` + END;
  const EMBED_TERMS = String.raw`(?:${W}*datenschutz${W}*|${W}*bedingungen|privacy${W}*|terms|conditions|politique|pol(?:í|i)tica|privacidad|informativa|privacybeleid|voorwaarden)`;
  const EMBED_NOTICE = new RegExp(String.raw`^${NOT_W}*(?:[\p{L}\p{N}_-]+${NOT_W}+){0,3}?(?:`
    + String.raw`(?:wenn|sobald|indem)\s+sie\s+` + THIS_PLAYER + String.raw`[^.!?]{0,40}?` + START + String.raw`(?:abspielen|starten|laden|aktivieren|ansehen|anklicken|anschauen)`
    + String.raw`|(?:beim|mit\s+dem|durch\s+das)\s+(?:abspielen|laden|starten|aktivieren|klick\s+auf)\s+(?:des|dieses|der|dieser)\s+(?:${W}+[- ])?(?:videos?|players?|inhalts?|beitrags?|podcasts?)`
    + String.raw`(?=[^.!?]{0,80}` + START + String.raw`(?:übertr|übermitt|uebertr|uebermitt|akzeptier|stimmen\s+sie)|[^.!?]{0,80}` + START + "sie" + END + ")"
    + String.raw`|(?:by|when|if|once)\s+you\s+(?:play|load|click|activate|watch)${W}*\s+(?:on\s+)?` + THIS_PLAYER
    + String.raw`|(?:by|when)\s+(?:playing|loading|clicking|activating|watching)\s+(?:on\s+)?` + THIS_PLAYER
    + String.raw`|en\s+(?:lisant|activant|cliquant\s+sur|chargeant)\s+` + THIS_PLAYER
    + String.raw`|al\s+(?:reproducir|cargar|activar|hacer\s+clic\s+en)\s+` + THIS_PLAYER
    + String.raw`|(?:riproducendo|caricando|attivando|cliccando\s+su)\s+` + THIS_PLAYER
    + String.raw`|(?:door|als\s+je|als\s+u)\s+` + THIS_PLAYER + String.raw`[^.!?]{0,30}?` + START + String.raw`(?:af\s+te\s+spelen|afspeelt|laadt|te\s+laden)`
    + String.raw`)[^.!?]{0,160}?` + START + String.raw`(?:(?:an|to|zu|à|a|aan|naar)\s+(?:${W}+\s+)?` + EMBED_PLATFORM + END
    + "|" + EMBED_TERMS + String.raw`[^.!?]{0,40}?` + START + String.raw`(?:von|of|de|du|des|di|del|della|van)\s+(?:${W}+\s+)?` + EMBED_PLATFORM + END
    + "|" + EMBED_PLATFORM + String.raw`(?:'s|’s))`, "iu");
  const EMBED_DATA = new RegExp(START + String.raw`(?:daten${W}*|${W}*datenschutz${W}*|übertr${W}*|uebertr${W}*|übermitt${W}*|uebermitt${W}*|akzeptier${W}*|zustimm${W}*|einverstanden|einwillig${W}*|nutzungsbedingungen|cookies?|data|privacy|agree|accept${W}*|consent${W}*|terms|donn(?:é|e)es|acceptez|accepter|confidentialit(?:é|e)|datos|privacidad|aceptas|acepta|aceptar|dati|accetti|accetta|gegevens|akkoord|toestemming)` + END, "iu");
  const SENTENCE_WORDS = 4;
  const EMBED_NOTICE_WORDS = 35;
  const isEmbedNotice = (text) => EMBED_NOTICE.test(text) && !REPORTED.test(text)
    && text.trim().split(/(?<=[.!?])\s+/).every((sentence) => words(sentence) < SENTENCE_WORDS || EMBED_DATA.test(sentence));

  /** Whether the block is the site speaking of itself (the server's `is_site_notice`);
   * `links`: the texts of the links in its element (null when that is not known). */
  function isSiteNotice(text, links = null) {
    const count = words(text);
    if (count <= DISCLAIMER_WORDS && DISCLAIMER.test(text)) return true;
    if (count <= COPYRIGHT_WORDS && (isTaxonomy(text, links) || RESERVED.test(text))) return true;
    if (count <= RELATED_LABEL_WORDS && (RELATED_LABEL.test(text) || LABEL_ALONE.test(text) || COMMENT_COUNT.test(text))) return true;
    if (count <= CONSENT_NOTICE_WORDS && CONSENT_NOTICE.test(text)) return true;
    if (count <= EMBED_NOTICE_WORDS && isEmbedNotice(text)) return true;
    if (count <= OPINION_WORDS && OPINION.test(text) && OPINION_SITE_WORDS.test(text) && !REPORTED.test(text)) return true;
    if (isCommentHeading(text) || (count <= RELATED_LABEL_WORDS && RATE_ARTICLE.test(text))) return true;
    if (count > NOTICE_WORDS) return false;
    return footerLinks(text) || (SITE_CONTENT.test(text) && LICENCE.test(text)) || LICENSED_WORK.test(text)
      || (count <= BROWSER_NOTICE_WORDS && BROWSER_NOTICE.test(text)) || POSTED_IN.test(text);
  }

  /** Whether the line heads the readers' comments: the section's label ("Comments", "12
   * Kommentare") or a thread's or a numbered comment's heading (the server's
   * `is_comment_heading`). */
  function isCommentHeading(text) {
    const count = words(text);
    return (count <= RELATED_LABEL_WORDS && (COMMENT_COUNT.test(text) || COMMENT_LABEL.test(text)))
      || (count <= COMMENT_HEADING_WORDS && COMMENT_THREAD.test(text));
  }

  // Blocks that may head the readers' comments (a heading only: a paragraph is the
  // article's), comment labels that are also a news intertitle and open no cut, and the
  // kinds not counted in telling where the body ends (the server's `_COMMENT_OPENERS`,
  // `_NEWS_INTERTITLE`, `_NOT_COUNTED`).
  const COMMENT_OPENERS = new Set(["h2", "h3", "h4", "h5", "h6"]);
  const NEWS_INTERTITLE = new RegExp(`^${NOT_W}*(?:reacties?|kommentar)${NOT_W}*$`, "iu");
  const NOT_COUNTED = new Set(["h1", "standfirst", "h2", "h3", "h4", "h5", "h6"]); // headings: not counted

  /** Without the readers' comments under the article: from a comment section's heading
   * (h2-h6, `isCommentHeading`, not `NEWS_INTERTITLE`) to the end, when at least as many
   * blocks were read before it as after it, a paragraph among them (the server's `without_comment_section`). `judged`:
   * `refine`'s list of { block, read }, returned with those blocks unread. */
  function withoutCommentSection(judged) {
    const counted = ({ block, read }) => read && !NOT_COUNTED.has(block.kind);
    const total = judged.filter(counted).length;
    let before = 0; // blocks read before this one, headings and the standfirst aside
    let paragraph = false; // a paragraph among them
    const at = judged.findIndex((entry) => {
      const { block } = entry;
      if (COMMENT_OPENERS.has(block.kind) && paragraph && before >= total - before && isCommentHeading(block.text)
        && !NEWS_INTERTITLE.test(block.text)) return true;
      if (counted(entry)) before += 1;
      paragraph = paragraph || (entry.read && block.kind === "p");
      return false;
    });
    return at < 0 ? judged : judged.map((entry, i) => (i >= at ? { ...entry, read: false } : entry));
  }

  // What may stand between two of a footer's links run into one line (`_BETWEEN_LINKS`).
  const BETWEEN_LINKS = /^[\s|•·/,–-]*$/u;

  /** Two different footer words side by side ("Impressum Datenschutzerklärung"): a
   * sentence that names both ("Wer die AGB und die Datenschutzerklärung nicht liest") is
   * the article's (the server's `_footer_links`). */
  function footerLinks(text) {
    const found = [...text.matchAll(FOOTER_WORDS)];
    return found.slice(1).some((b, i) => {
      const a = found[i];
      return BETWEEN_LINKS.test(text.slice(a.index + a[0].length, b.index))
        && a[0].toLowerCase() !== b[0].toLowerCase();
    });
  }

  /** A taxonomy line links its terms to their archives (their link texts are half of what
   * follows the label at least), or is the bare label whose links were dropped: an award
   * list's "Kategorie: Unterhaltung für <a>film</a>" is the page's own text (the server's
   * `_is_taxonomy`). `links` null: not known, the label decides. */
  function isTaxonomy(text, links) {
    const found = TAXONOMY.exec(text);
    if (found === null) return false;
    const rest = text.slice(found.index + found[0].length).trim();
    if (!rest || links === null) return true;
    const linked = links.reduce((sum, link) => sum + (link && rest.includes(link) ? [...link].length : 0), 0);
    return linked >= 0.5 * [...rest].length;
  }

  /** The texts of the links in the element, itself if it is one (the server's `_links`). */
  const linksOf = (element) => [...(tagOf(element) === "A" ? [element] : []), ...element.querySelectorAll("a")].map(textOf);

  // A line linking to another story by that story's title, which the link's address spells
  // (the server's `is_story_teaser`): 3 to 25 words, spelling 15 letters of address at least.
  const TEASER_WORDS = [3, 25];
  const TEASER_SLUG_CHARS = 15;
  // Letters an address spells without their accent, which Unicode does not decompose.
  const SLUG_LETTERS = { "ł": "l", "ß": "ss", "ø": "o", "đ": "d", "æ": "ae", "œ": "oe", "ı": "i" };

  /** `text` as a site's address spells it: "Rosja jest groźna" → "rosja-jest-grozna". */
  function slug(text) {
    return text.toLowerCase().replace(/[łßøđæœı]/gu, (letter) => SLUG_LETTERS[letter])
      .normalize("NFKD").replace(/\p{Mn}/gu, "").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  /** The path of an address as Python's `urlsplit(…).path` reads it: not resolved against
   * the page, and not percent-encoded (`new URL` would encode "groźna" into "gro%C5%BAna"). */
  function pathOf(address) {
    // (As urlsplit does: tabs and line breaks out, leading controls and spaces off.)
    let rest = address.replace(/[\t\r\n]/g, "").replace(/^[\x00-\x20]+/, "").split("#")[0].split("?")[0];
    const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:/.exec(rest);
    if (scheme) rest = rest.slice(scheme[0].length);
    if (rest.startsWith("//")) {
      const slash = rest.indexOf("/", 2);
      rest = slash < 0 ? "" : rest.slice(slash);
    }
    return rest;
  }

  /** The slugs that name the page itself (the server's `own_story`): its titles, the
   * addresses it declares as its own, and (the extension knows it) its own address. */
  function ownStory() {
    const own = [...document.querySelectorAll("title")].map(textOf);
    for (const element of document.querySelectorAll("link, meta")) {
      const rel = (element.getAttribute("rel") || "").toLowerCase();
      const property = (element.getAttribute("property") || element.getAttribute("name") || "").toLowerCase();
      if (tagOf(element) === "LINK" && rel === "canonical") own.push(pathOf(element.getAttribute("href") || ""));
      else if (["og:url", "og:title", "twitter:title"].includes(property)) {
        const value = element.getAttribute("content") || "";
        own.push(property === "og:url" ? pathOf(value) : value);
      }
    }
    own.push(location.pathname);
    return new Set(own.map(slug).filter(Boolean));
  }

  /** Whether the block is a line linking to another story by that story's title: its whole
   * text is spelled in the address of a link in or around it (the server's
   * `is_story_teaser`). */
  function isStoryTeaser(element, text) {
    const count = words(text);
    if (count < TEASER_WORDS[0] || count > TEASER_WORDS[1]) return false;
    const spelled = slug(text);
    if (spelled.length < TEASER_SLUG_CHARS) return false;
    const links = [...(tagOf(element) === "A" ? [element] : []), ...element.querySelectorAll("a")];
    for (let up = element.parentElement; up; up = up.parentElement) if (tagOf(up) === "A") links.push(up);
    if (!links.length) return false;
    const own = ownStory();
    if ([...own].some((name) => name.includes(spelled))) return false;
    return links.some((link) => {
      const address = slug(pathOf(link.getAttribute("href") || ""));
      return address.includes(spelled) && !own.has(address);
    });
  }

  // A link to the next or the previous page of a text told over several pages, in 10 words
  // at most, the link at least `LABEL_LINK_SHARE` of it (the server's `is_page_turn`).
  const PAGE_TURN = new RegExp(`^${NOT_W}*(?:weiter\\s+(?:zu|mit|geht'?s)|zur(?:ü|ue)ck\\s+zu[rm]?|continue\\s+(?:to|reading|with)|next\\s+(?:page|part|chapter)|previous\\s+(?:page|part|chapter)|n(?:ä|ae)chste\\s+seite|vorherige\\s+seite|n(?:ä|ae)chster\\s+teil|page\\s+suivante|p(?:á|a)gina\\s+siguiente|back\\s+to)${END}`, "iu");
  const PAGE_TURN_WORDS = 10;
  // A paragraph only: a list item "Continue to <a>the harbour office</a>" is directions.
  const isPageTurn = (element, text) => tagOf(element) === "P" && words(text) <= PAGE_TURN_WORDS
    && PAGE_TURN.test(text) && linkShareOf(element) >= LABEL_LINK_SHARE;

  /** Which blocks are teasers of other stories (`isStoryTeaser`; never the headline, `h1`,
   * as trafilatura gave it: `block.kind` before `judge` names its apparatus). A heading
   * counts only as the page's one teaser heading: a roundup ("Our five favourite autumn
   * cakes") links every item's title to that item's own page, and those titles are the
   * article (the server's `_story_teasers`). */
  function storyTeasers(blocks) {
    const teasers = blocks.map((block) => Boolean(block.anchor) && block.kind !== "h1"
      && isStoryTeaser(block.anchor, block.text));
    const headings = blocks.filter((block, i) => teasers[i] && block.kind in LEVELS).length;
    return blocks.map((block, i) => teasers[i] && !(block.kind in LEVELS && headings >= 2));
  }

  /** `judge`, then the server's checks that follow it in `refine`'s loop: a line teasing
   * another story (`teaser`, from `storyTeasers`) or turning the page is not the article. */
  function judgeBlock(block, wrappers, kept, boxes, teaser) {
    if (!judge(block, wrappers, kept, boxes)) return false;
    return !(block.anchor && (teaser || isPageTurn(block.anchor, block.text)));
  }

  // Headings of sections, by level; a heading over nothing is a title of 20 words at most
  // (the server's `_LEVELS`, `EMPTY_HEADING_WORDS`).
  const LEVELS = { h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
  const EMPTY_HEADING_WORDS = 20;

  /**
   * Without a lone section heading with no text under it: the next block read is a heading
   * of the same or a higher level and the page prints a player between the two, or there
   * is none (the server's `_without_headings_over_nothing`). Without a player between, a
   * heading over the next heading opens a section ("Golf im TV" over its days' headings).
   * A run of them is a list printed as headings; the first block read is left alone (a
   * kicker). Run on the blocks once the headings Readability dropped are back (they would
   * come back otherwise), the headline aside: the server judges trafilatura's blocks, which
   * do not hold it.
   */
  function withoutHeadingsOverNothing(blocks, headline) {
    const read = headline ? blocks.filter((block) => block.kind !== "h1") : blocks;
    const players = new Players();
    const empty = read.map((block, place) => {
      const next = read[place + 1];
      const after = next?.kind;
      return block.kind in LEVELS && words(block.text) <= EMPTY_HEADING_WORDS
        && (after === undefined || (after in LEVELS && LEVELS[after] <= LEVELS[block.kind]
          && players.between(block.anchor, next.anchor)));
    });
    const dropped = new Set(read.filter((block, place) => empty[place] && place > 0
      && !empty[place - 1] && !(place + 1 < read.length && empty[place + 1])));
    return blocks.filter((block) => !dropped.has(block));
  }

  /** Where the page prints players (video, audio, embedded frames, a custom element with
   * no text of its own such as `<opta-widget>`'s live ticker), to tell whether one stands
   * between two elements in document order (the server's `_Players`); looked for once,
   * and only when a heading over nothing asks. */
  class Players {
    static TAGS = new Set(["IFRAME", "VIDEO", "AUDIO", "EMBED", "OBJECT"]);

    static isPlayer(element) {
      const tag = tagOf(element);
      return Players.TAGS.has(tag) || (tag.includes("-") && !(element.textContent || "").trim());
    }

    between(first, then) {
      if (!first || !then) return false;
      if (!this.found) this.found = [...document.querySelectorAll("*")].filter(Players.isPlayer);
      return this.found.some((player) => player !== first && player !== then
        && Boolean(first.compareDocumentPosition(player) & Node.DOCUMENT_POSITION_FOLLOWING)
        && Boolean(then.compareDocumentPosition(player) & Node.DOCUMENT_POSITION_PRECEDING));
    }
  }

  // A note on who wrote the article, as its last paragraph: the author named (the name is
  // capitalised) or called "the author", then what they are by trade (the server's
  // `_AUTHOR_NOTE`; its `(?i:…)` parts are `anyCase`'s, the name's capitals stay capitals).
  const AUTHOR_NOTE = new RegExp(`^${NOT_W}*(?:`
    + anyCase("(?:der|die)\\s+(?:autor|autorin|verfasser|verfasserin)|the\\s+(?:author|writer)|l'auteure?|el\\s+autor|la\\s+autora")
    // Not an article and a noun ("Der Angeklagte ist Lehrer …": German capitalises nouns);
    // an author box speaks in the present ("… was a freelance journalist" ends a story).
    + "|(?!(?:Der|Die|Das|Ein|Eine|The|La|Le|El|Les|Los|Las)\\s)[A-ZÄÖÜ][\\p{L}\\p{N}_.'’-]+(?:\\s+[A-ZÄÖÜ][\\p{L}\\p{N}_.'’-]+){1,3},?)"
    + anyCase("\\s+(?:is|ist|es|est)\\s+(?:(?![\\p{L}\\p{N}_.!&-]*['’]s(?![\\p{L}\\p{N}_]))[\\p{L}\\p{N}_&!.'’,-]+\\s+){0,5}?(?:co-?)?(?:founder|ceo|director|consultant|journalist|writer|author|editor|reporter|correspondent|columnist|freelancer?|blogger|contributor|redakteur(?:in)?|journalist(?:in)?|autor(?:in)?|korrespondent(?:in)?|gr(?:ü|ue)nder(?:in)?|gesch(?:ä|ae)ftsf(?:ü|ue)hrer(?:in)?|chefredakteur(?:in)?|periodista|redactor(?:a)?|fundador(?:a)?|journaliste|r(?:é|e)dact(?:eur|rice)|[\\p{L}\\p{N}_-]*lehrer(?:in)?)")
    + END, "u");
  const AUTHOR_NOTE_WORDS = 80;

  /** Without a note on the author as the article's last paragraph (the server's
   * `drop_author_note`): an author box printed inside the article, as a paragraph. */
  function dropAuthorNote(blocks) {
    const last = blocks[blocks.length - 1];
    return last && last.kind === "p" && words(last.text) <= AUTHOR_NOTE_WORDS && AUTHOR_NOTE.test(last.text)
      ? blocks.slice(0, -1) : blocks;
  }

  const SERVER_ERROR = /^(?:Warning|Notice|Deprecated|Strict Standards|Fatal error|Parse error)\s*: [^]{0,2000}? on line \d+/i;

  const tagOf = (element) => element?.tagName?.toUpperCase() || "";
  const textOf = (element) => (element.textContent || "").replace(/\s+/g, " ").trim();

  /** 'figcaption', 'byline', 'dateline', 'pullquote' or 'standfirst' when the block is that
   * part of the article's apparatus, else null: the server's `apparatus_kind`. */
  function apparatusKind(block) {
    const element = block.anchor;
    if (!element) return null;
    const count = words(block.text);
    if (count <= APPARATUS_WORDS.dateline) {
      // A wrapper whose whole text is one <time>: "<div><time>26 January 2022</time></div>".
      for (const time of element.querySelectorAll("time")) if (textOf(time) === block.text) return "dateline";
      if (tagOf(element) === "TIME" && textOf(element) === block.text) return "dateline";
    }
    if (besideEmbed(element) || (element.parentElement && besideEmbed(element.parentElement))) return "figcaption";
    let node = element;
    for (let depth = 0; node && depth <= APPARATUS_DEPTH; depth++, node = node.parentElement) {
      const tag = tagOf(node);
      if (tag === "ARTICLE" || tag === "MAIN" || tag === "BODY") break;
      if ((tag === "FIGCAPTION" || tag === "CAPTION") && count <= APPARATUS_WORDS.figcaption) return "figcaption";
      if (tag === "FIGURE" && depth > 0 && tagOf(element) !== "BLOCKQUOTE"
          && count <= APPARATUS_WORDS.figcaption && !element.parentElement?.closest("blockquote")) return "figcaption";
      if (count <= APPARATUS_WORDS.figcaption && SLIDE.test(node.getAttribute("class") || "")
          && node.querySelector("img,picture")) return "figcaption";
      const authored = tag === "ADDRESS" || node.getAttribute("rel") === "author" || node.getAttribute("itemprop") === "author";
      if (authored && count <= APPARATUS_WORDS.byline) return "byline";
      if (tag === "TIME" && depth === 0 && count <= APPARATUS_WORDS.dateline) return "dateline";
      if (tag === "BLOCKQUOTE" && node.parentElement?.closest("aside")) return "pullquote";
      const names = namesOf(node);
      for (const [kind, pattern] of APPARATUS) if (pattern.test(names) && count <= APPARATUS_WORDS[kind]) return kind;
    }
    return null;
  }

  // Class words of a quote box ("section-quote", "content-block--quote"): the server's `is_quote`.
  const QUOTE_BOX = /(?:^|[-_ ])(?:quote|blockquote|zitat|cita)(?:$|[-_ ])/i;

  /** Whether the element sits in a quote, up to the article's container: a quote printed
   * once as a quote and once in the text is the author's repeat, which the detectors leave
   * alone only when they know which block is the quote (the server's `is_quote`). */
  function isQuote(element) {
    let node = element;
    for (let depth = 0; node && depth <= APPARATUS_DEPTH; depth++, node = node.parentElement) {
      const tag = tagOf(node);
      if (tag === "ARTICLE" || tag === "MAIN" || tag === "BODY") break;
      if (tag === "BLOCKQUOTE" || tag === "Q" || QUOTE_BOX.test(namesOf(node))) return true;
    }
    return false;
  }

  /** The server's link share: 1 inside a link (a teaser card's label is link text). */
  const linkShareOf = (element) => (element.parentElement?.closest("a") ? 1 : linkShare(element));

  /** A run of 3 or more list items repeating an earlier run word for word is the same menu
   * printed twice (a desktop and a mobile one): the server's `drop_repeated_runs`. */
  function dropRepeatedRuns(blocks) {
    const out = [];
    const seen = new Set();
    for (let i = 0; i < blocks.length;) {
      if (blocks[i].kind !== "li") {
        out.push(blocks[i++]);
        continue;
      }
      let j = i;
      while (j < blocks.length && blocks[j].kind === "li") j++;
      const key = JSON.stringify(blocks.slice(i, j).map((block) => block.text));
      if (j - i >= MENU_ITEMS && seen.has(key)) {
        i = j;
        continue;
      }
      if (j - i >= MENU_ITEMS) seen.add(key);
      out.push(...blocks.slice(i, j));
      i = j;
    }
    return out;
  }

  // How far up from a repeated block to look for the box it was printed in, and the most
  // text such a box holds: the server's `BOX_DEPTH` and `BOX_MAX_CHARS`.
  const BOX_DEPTH = 6;
  const BOX_MAX_CHARS = 100000;
  // Two boxes show the same table when this share of all the pieces of text either shows
  // is shown by both, and they show this many or more (`Boxes.sameItems`; the extension's
  // own rule: trafilatura leaves such tables out, so the server has no need of it).
  const SAME_ITEMS = 0.9;
  const ITEMS_LEAST = 6;

  /** An element's text as the server's `text_of` reads it: no script, style, noscript or
   * template text, white space collapsed (`textContent` reads scripts too). */
  function readText(element) {
    const parts = [];
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === 3) parts.push(child.nodeValue);
        else if (child.nodeType === 1 && !UNREAD.has(tagOf(child))) walk(child);
      }
    };
    walk(element);
    return parts.join("").replace(/\s+/g, " ").trim();
  }

  /**
   * Text printed twice because its whole box is (a site's desktop and mobile copies of a
   * recipe's steps, a notice under every embedded video, the article printed again for
   * paper): the repeated block's element and the earlier copy's sit in two different
   * elements whose whole text is the same and holds more than the block. An author
   * repeating a paragraph repeats it among the article's other paragraphs, in one box.
   * The server's `Boxes` (server/pages/extraction/blocks.py); without it, the extension
   * read the second copy, and its paragraphs were found "repeated".
   */
  class Boxes {
    constructor() {
      this.first = new Map(); // block text -> the element it was first read at
      this.texts = new Map(); // element -> its text, read once
      this.pieces = new Map(); // element -> the set of its pieces of text, read once
    }

    text(element) {
      if (!this.texts.has(element)) this.texts.set(element, readText(element));
      return this.texts.get(element);
    }

    /** The elements around `element` that hold more than `block`, by their text. */
    boxes(element, block) {
      const found = new Map();
      let node = element.parentElement;
      for (let depth = 0; node && depth < BOX_DEPTH; depth++, node = node.parentElement) {
        const tag = tagOf(node);
        if (tag === "BODY" || tag === "HTML") break;
        const text = this.text(node);
        if (text.length > BOX_MAX_CHARS) break;
        if (text.length > block.length && !found.has(text)) found.set(text, node);
      }
      return found;
    }

    /** Whether the block `text` at `element` is a copy of a box printed earlier. */
    printedTwice(text, element) {
      if (!this.first.has(text)) this.first.set(text, element);
      const earlier = this.first.get(text);
      if (earlier === element) return false;
      const before = this.boxes(earlier, text);
      for (const [box, ancestor] of this.boxes(element, text)) {
        const other = before.get(box);
        if (other && other !== ancestor && !other.contains(ancestor) && !ancestor.contains(other)) return true;
      }
      return this.sameItems(earlier, element) || this.samePicture(earlier, element);
    }

    /**
     * Whether the two copies are one picture's caption printed twice: each sits in a box
     * (up to `BOX_DEPTH` up) that holds a picture and no text but the caption, the two boxes
     * apart, and their pictures name the same image (`imageNames`). A page printing its main picture once for wide screens and once for narrow
     * ones prints its caption twice (scmp on half a of web-pages: a "repeated paragraph"
     * in the extension only); rule 1 above needs boxes holding more than the block, and
     * these hold the caption alone.
     */
    samePicture(earlier, element) {
      const box = (node) => {
        for (let up = node.parentElement, depth = 0; up && depth < BOX_DEPTH; depth++, up = up.parentElement) {
          const tag = tagOf(up);
          if (tag === "BODY" || tag === "HTML" || this.text(up) !== this.text(node)) return null;
          if (up.querySelector("img")) return up;
        }
        return null;
      };
      const [a, b] = [box(earlier), box(element)];
      if (!a || !b || a.contains(b) || b.contains(a)) return false;
      const theirs = imageNames(a);
      return [...imageNames(b)].some((name) => theirs.has(name));
    }

    /** The pieces of text of an element as a reader sees them, read once: what a table
     * shows, whatever the order and boxes it shows it in. Two measures, as sets: by block or
     * cell (`itemTexts`: a cell printed "<b>27 x 27</b> cm" in one shape and "27 x 27 cm"
     * in the other is one piece) and by text node (`nodeTexts`: cells printed as <span>s
     * in a row <div> are one block, "Power 620 mAh", but two nodes). Either measure pairs
     * two shapes: each alone loses a shape the other pairs. */
    items(element) {
      if (!this.pieces.has(element)) {
        this.pieces.set(element, [new Set(itemTexts(element)), new Set(nodeTexts(element))]);
      }
      return this.pieces.get(element);
    }

    /**
     * Whether the two copies sit in two boxes, neither holding the other, that show the
     * same pieces of text (at least `SAME_ITEMS` of all either shows, and `ITEMS_LEAST` or
     * more) in any order, in boxes of different markup (`shapeOf`): one table printed for
     * wide screens (a row per feature, a column per product) and again for narrow ones (a
     * card per product), as affiliate plugins print their comparison tables. Their boxes'
     * texts differ in order, so the rule above cannot pair them; each cell then read twice
     * was a "repeated paragraph" (9 of the 11 findings the extension alone made on half a
     * of web-pages). An author repeating a paragraph repeats it among other paragraphs (the
     * boxes round the two copies show different texts), and an author's list printed again
     * in another order keeps its markup: both stay repeats. (Pieces are counted by block
     * or cell and by text node, `items`; the two shapes are paired when either count
     * reaches `SAME_ITEMS`.)
     */
    sameItems(earlier, element) {
      const ups = (node) => {
        const found = [];
        for (let up = node.parentElement, depth = 0; up && depth < BOX_DEPTH; depth++, up = up.parentElement) {
          const tag = tagOf(up);
          if (tag === "BODY" || tag === "HTML" || this.text(up).length > BOX_MAX_CHARS) break;
          if (this.items(up)[0].size >= ITEMS_LEAST) found.push(up);
        }
        return found;
      };
      const before = ups(earlier);
      for (const box of ups(element)) {
        const mine = this.items(box);
        for (const other of before) {
          if (other.contains(box) || box.contains(other)) continue;
          // The same markup again is the author's own list printed twice in another
          // order ("Key points" … "In short"): a repeat to show, not a second rendering.
          if (shapeOf(box) === shapeOf(other)) continue;
          const theirs = this.items(other);
          if (mine.some((pieces, k) => sharedShare(pieces, theirs[k]) >= SAME_ITEMS)) return true;
        }
      }
      return false;
    }
  }

  /** The texts of the blocks and cells inside `element` (each without the blocks inside
   * it), white space collapsed: the items a reader sees, whatever inline markup (<b>,
   * <span>, <a>) cuts their text into pieces. */
  function itemTexts(element) {
    const found = [];
    const walk = (node, parts) => {
      for (const child of node.childNodes) {
        if (child.nodeType === 3) parts.push(child.nodeValue);
        else if (child.nodeType === 1 && !UNREAD.has(tagOf(child))) {
          if (BOUNDARIES.has(tagOf(child)) || CELLS.has(tagOf(child)) || tagOf(child) === "BR") {
            parts.push(" ");
            const own = [];
            walk(child, own);
            found.push(own.join(""));
          } else walk(child, parts);
        }
      }
    };
    const top = [];
    walk(element, top);
    found.push(top.join(""));
    return found.map((text) => text.replace(/\s+/g, " ").trim()).filter(Boolean);
  }

  /** The text nodes inside `element`, each with its white space collapsed: the pieces
   * `itemTexts` glues together when a row's cells are inline (<span>s in a row <div>),
   * which the wide shape prints as separate cells. */
  function nodeTexts(element) {
    const found = [];
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === 3) found.push(child.nodeValue.replace(/\s+/g, " ").trim());
        else if (child.nodeType === 1 && !UNREAD.has(tagOf(child))) walk(child);
      }
    };
    walk(element);
    return found.filter(Boolean);
  }

  /** The share of the pieces either set holds that both hold (Jaccard): how much two boxes
   * show the same, whatever else either shows. */
  function sharedShare(mine, theirs) {
    let both = 0;
    for (const piece of mine) if (theirs.has(piece)) both++;
    return both / (mine.size + theirs.size - both);
  }

  /** The file names of the pictures in `element` (the last part of their address, query
   * aside), as a set. Not their `alt` texts: many sites (scmp among them) print the caption
   * as the `alt`, so two different pictures with one caption or credit would be one; and
   * not a `data:` placeholder, which a lazy-loading page gives every picture alike (the
   * real address then sits in `data-lazy-src`, `data-original` or `srcset`). */
  function imageNames(element) {
    const names = [...element.querySelectorAll("img")].map((img) => {
      const address = img.getAttribute("data-src") || img.getAttribute("src") || "";
      if (address.startsWith("data:")) return "";
      return address.split(/[?#]/)[0].split("/").pop();
    });
    return new Set(names.filter(Boolean));
  }

  /** An element's markup without its text: its tag and its children's shapes, in order. */
  function shapeOf(element) {
    return `${tagOf(element)}(${[...element.children].map(shapeOf).join(",")})`;
  }

  // --- what trafilatura prunes by name inside the article (the extension's own rules) -----
  // The server reads only what trafilatura keeps, and trafilatura deletes, inside the body it
  // chose, every div, section, p, span, list and list item whose id or class names page
  // furniture (its `OVERALL_DISCARD_XPATH` and, without images, `DISCARD_IMAGE_ELEMENTS`:
  // trafilatura/xpaths.py, 2.3.1; not its teaser names, nor a tab menu's panels, which the
  // server reads: page-leak-rules and page-rules tests). Readability keeps many of them
  // ("entry-meta" lines, "wp-caption" boxes, "author" boxes, "slide" texts), so they were
  // paragraphs the extension alone read. The patterns are trafilatura's, searched as its
  // `re:test` searches them (case as written, anywhere in the attribute).
  // (trafilatura's `convert_lists` makes <li>, <dd> and <dt> its `item` before it prunes.)
  // Three of its conditions are left out: `cookie` in the first of id and class (the
  // server's own consent rules, mirrored in `dropConsentRows` and the leak rules, judge
  // those boxes), `@data-lp-replacement-content` and a `data-component` naming
  // "MostPopularStories" (one site's markup each, seen on no page of web-pages' half a).
  const PRUNED_TAGS = new Set(["DIV", "SECTION", "P", "SPAN", "UL", "OL", "DL", "LI", "DD", "DT"]);
  const PRUNED_BOTH = String.raw`^shar|social|viral|newsletter|syndication|tags|sidebar|banner|bread-?crumb|button|author`;
  const PRUNED_ID = new RegExp(`${PRUNED_BOTH}|^(?:jp-|dpsp-content)|bmdh|footer|Footer|share|Share|nav|Nav|menu|related|message-container|premium|^ad-|caption`);
  const PRUNED_CLASS = new RegExp(`${PRUNED_BOTH}|^(?:nav|post-nav|ZendeskForm)|subnav|avigation|navbar|navbox|menu|bar| ad |-ad-|(?:^| )ad-|dfp[Aa]d|outbrain|taboola|criteo|paid-?content|widget|footer|Footer|byline|Byline|share-|sociable|embedded|embed|tag-list|consent|modal-content|permission|elated|next-|-stories|most-popular|more-on|meta|rating|attachment|timestamp|user-info|user-profile|-icon|article-infos|message-container|slide|viewport|overlay|options|expand|obfuscated|blurred|mol-factbox|yin|zlylin|nfoline|caption`);

  // What trafilatura prunes as hidden or as a reply, whatever the tag (the second expression
  // of its `OVERALL_DISCARD_XPATH`). Two of its tests read a pair of attributes,
  // `re:test(@id|@style, 'hidden')` and `starts-with(@id|@class, 'reply-')`, and XPath
  // reads a node-set as its first node: only the one of the pair written first is tested
  // (`firstOf`). <div id="method" style="overflow:hidden"> is kept and its text read.
  const HIDDEN_ID = /reader-comments|akismet/;
  const HIDDEN_CLASS = /^hide-|comments-title|nocomments|-reply-|message|akismet|suggest-links|-hide-|hide-print| hidden| hide|noprint|notloaded/;
  const HIDDEN_STYLE = /display: ?none/;
  const HIDDEN_FIRST = /hidden/;
  const REPLY_FIRST = "reply-";

  /** The value of whichever of the attributes `names` the element's markup writes first,
   * or "": what XPath's `@a|@b` reads where a string is wanted (document order, which for
   * attributes is source order in lxml and in the DOM). */
  function firstOf(element, names) {
    const found = [...element.attributes].find((attribute) => names.includes(attribute.name));
    return found ? found.value : "";
  }

  /** Whether trafilatura prunes this element by its name, role or style (see above). */
  function prunedByName(element) {
    const id = element.getAttribute("id");
    const names = element.getAttribute("class");
    if ((id !== null && HIDDEN_ID.test(id)) || (names !== null && HIDDEN_CLASS.test(names))
        || HIDDEN_STYLE.test(element.getAttribute("style") || "") || element.getAttribute("aria-hidden") === "true"
        || HIDDEN_FIRST.test(firstOf(element, ["id", "style"]))
        || firstOf(element, ["id", "class"]).startsWith(REPLY_FIRST)) return true;
    if (!PRUNED_TAGS.has(tagOf(element))) return false;
    return (element.getAttribute("role") || "").toLowerCase().includes("nav")
      || (id !== null && PRUNED_ID.test(id.replace(TAB_MENU, "tabs")))
      || (names !== null && PRUNED_CLASS.test(names.replace(TAB_MENU, "tabs")));
  }

  // trafilatura's link density test of a list (`link_density_test`, run on every list of
  // its body by `delete_by_link_density`): a short list mostly link text, or of mostly short
  // links, is a list of links; a longer one of more than 4 links nearly all link text, each
  // link under 100 characters on average, too.
  const LIST_TAGS = new Set(["UL", "OL", "DL"]);
  const LINK_FARM_RATIO = 0.9;
  // The tags trafilatura deletes with all they hold before it tests link density
  // (`MANUALLY_CLEANED`, trafilatura/settings.py 2.3.1; tests/test_extension_page_rules.py
  // compares them with the installed trafilatura's).
  const CLEANED = new Set(["APPLET", "AREA", "ASIDE", "AUDIO", "BLINK", "BUTTON", "CANVAS", "DATALIST",
    "DIALOG", "EMBED", "FENCEDFRAME", "FIELDSET", "FIGURE", "FOOTER", "FORM", "FRAME", "FRAMESET", "HEAD",
    "IFRAME", "INPUT", "LABEL", "LEGEND", "LINK", "MAP", "MARQUEE", "MATH", "MENU", "MENUITEM", "NAV",
    "NOINDEX", "NOSCRIPT", "OBJECT", "OPTGROUP", "OPTION", "OUTPUT", "PARAM", "PICTURE", "PROGRESS", "RP",
    "RT", "RTC", "SCRIPT", "SELECT", "SOURCE", "STYLE", "SVG", "TEXTAREA", "TIME", "TRACK", "USE", "VIDEO"]);

  /** The element's next sibling as trafilatura sees it when it tests link density: by then
   * its clean-up has deleted the `CLEANED` tags and the boxes it prunes by name, so a list
   * followed only by a <script> or a share bar is the last thing in its box. */
  function nextKeptSibling(element) {
    // An HTML comment is a sibling too: the server hands trafilatura a tree parsed with
    // its comments kept, and lxml's `getnext` gives them (`<!-- .et_pb_row -->` after a box).
    let next = element.nextSibling;
    // Not a sibling: an empty stripped tag (an <img>, a <wbr>), gone by then. An empty
    // <div>/<span> that `prune_html` deletes is still taken for a sibling, as before: skipping
    // it made baike.baidu.com's song table (in a box followed by an empty pager <div>) a box
    // of links in the extension only, 11 rows the server reads (half a); the server's reading
    // of that page does not follow from trafilatura's tree alone, and a rule that drops what
    // the server reads is worse than none. So "Editing by <a>…</a> and <a>…</a>" before an
    // empty <div class="clear"> is still read by the extension only (review-ext finding 3).
    while (next && (next.nodeType !== 1 && next.nodeType !== 8
        || (next.nodeType === 1 && (CLEANED.has(tagOf(next)) || prunedByName(next)
          || (STRIPPED.has(tagOf(next)) && !next.childNodes.length))))) next = next.nextSibling;
    return next;
  }
  const trim = (text) => text.replace(/\s+/g, " ").trim();

  /** trafilatura's `link_density_test`, for a list, a <div> or a <p>, branch by branch in
   * its order: a single long link that is nearly all the element; a short element (a list's
   * or a <div>'s under 100 characters, 300 when it is the last thing left in its box,
   * `nextKeptSibling`; a <p>'s under 30, or 60 when last) mostly link text or mostly short
   * links; a longer one of more than 4 links, nearly all link text, under 100 characters a
   * link, and not a document listing (each link alone in its own <p>). Returns whether the
   * element is boilerplate, and whether it is short and holds links (which the <div> pass
   * reads too, `divLinkFarm`). Links, link text and text are all counted on the tree the
   * server has then (`cleanedWithin`, `keptText`): a link whose only text is in a <time> or
   * an <svg> has no link text there, so a sentence whose one link is "<a><time>2047</time>
   * </a>" has links and no link text and is deleted. That loses a reader's sentence on the
   * server; the extension mirrors it all the same, so that both read the same text. */
  function linkDensityTest(element) {
    const links = [...element.querySelectorAll("a")].filter((a) => !prunedByName(a) && !cleanedWithin(a, element));
    if (!links.length) return [false, false];
    const text = keptText(element);
    const linked = links.map((a) => keptText(a)).filter(Boolean);
    const linkLength = linked.reduce((sum, each) => sum + [...each].length, 0);
    if (links.length === 1 && linkLength > 100 && linkLength > [...text].length * 0.9) return [true, false];
    const length = [...text].length;
    const last = !nextKeptSibling(element);
    if (length < (tagOf(element) === "P" ? (last ? 60 : 30) : (last ? 300 : 100))) {
      if (!linked.length) return [true, false];
      const short = linked.filter((each) => [...each].length < 10).length;
      return [linkLength > length * 0.8 || (linked.length > 1 && short / linked.length > 0.8), true];
    }
    // (trafilatura's `is_paragraph_listing`: every link alone in its own <p>, a document listing.)
    const listing = links.every((a) => tagOf(a.parentElement) === "P" && a.parentElement.querySelectorAll("a").length === 1);
    return [links.length > 4 && linkLength > length * LINK_FARM_RATIO && linkLength < 100 * linked.length && !listing, false];
  }

  // trafilatura's `delete_by_link_density` runs over every <div> and every <p> of its body
  // too, not only its lists (`prune_unwanted_sections`, main_extractor.py 2.3.1). A <div>
  // goes when `link_density_test` says so, or when it is short and holds links
  // ("backtracking") with at least DIV_LINK_CHILDREN children and under DIV_LINK_CHARS
  // characters of text: a row of links ("Home | News | Sport"), a tag cloud, a card of
  // teaser links. A <p> goes only when the test says so, and never one whose parent is a
  // list item or a table cell (trafilatura's GH #788: the list is judged apart).
  // Not mirrored: trafilatura runs div, list, p twice, deleting between the passes (so a
  // <p> before a deleted list is "last" in the second pass), and gives a <form> it keeps,
  // renamed <div>, the <div> pass. page.js judges each element once, on the tree before
  // any link-density deletion, and never a <form> or a <table>.
  const DIV_LINK_CHILDREN = 3;
  const DIV_LINK_CHARS = 100;
  const WHOLE_OF = new Set(["LI", "DD", "DT", "TD", "TH"]);
  // What trafilatura's clean-up strips (the tag goes, its children and text stay in the
  // parent) before it counts a <div>'s children (`MANUALLY_STRIPPED`, trafilatura/settings.py
  // 2.3.1; tests/test_extension_page_rules.py compares them with the installed trafilatura's).
  const STRIPPED = new Set(["ABBR", "ACRONYM", "ADDRESS", "BDI", "BDO", "BIG", "CITE", "DATA", "DFN",
    "FONT", "HGROUP", "IMG", "INS", "MARK", "META", "NOBR", "RUBY", "SMALL", "TBODY", "TEMPLATE",
    "TFOOT", "THEAD", "WBR"]);
  // The tags trafilatura's `prune_html` deletes when they are empty (`CUT_EMPTY_ELEMS`).
  const CUT_EMPTY = new Set(["ARTICLE", "B", "BLOCKQUOTE", "DD", "DIV", "DT", "EM", "H1", "H2", "H3",
    "H4", "H5", "H6", "I", "LI", "MAIN", "P", "PRE", "Q", "SECTION", "SPAN", "STRONG"]);
  const emptyCut = (element) => CUT_EMPTY.has(tagOf(element)) && element.childNodes.length === 0;
  // What trafilatura's clean-up melts into their parent before it counts a <div>'s
  // children (`REND_TAG_MAPPING`, stripped when formatting is not kept, as the server asks).
  const MELTED = new Set(["EM", "I", "B", "STRONG", "U", "KBD", "SAMP", "TT", "VAR", "SUB", "SUP"]);

  /** The children trafilatura's tree still gives the element when it tests its link
   * density (lxml's `len`): the `CLEANED` tags, the boxes pruned by name and the empty
   * `CUT_EMPTY` ones deleted, the `MELTED` and `STRIPPED` ones replaced by their own
   * children, and each HTML comment counted, as lxml counts it. */
  function keptChildren(element) {
    let count = 0;
    for (const child of element.childNodes) {
      if (child.nodeType === 8) { count += 1; continue; }
      if (child.nodeType !== 1) continue;
      const tag = tagOf(child);
      if (CLEANED.has(tag) || prunedByName(child) || emptyCut(child)) continue;
      count += MELTED.has(tag) || STRIPPED.has(tag) ? keptChildren(child) : 1;
    }
    return count;
  }

  /** Whether `node` sits, below `element`, in something trafilatura has deleted before it
   * tests `element`'s link density (a `CLEANED` tag, a box pruned by name: a picture's
   * link in its caption box is no link of the text around it). */
  function cleanedWithin(node, element) {
    for (let up = node.parentElement; up && up !== element; up = up.parentElement) {
      if (CLEANED.has(tagOf(up)) || prunedByName(up)) return true;
    }
    return false;
  }

  /** The element's text as trafilatura measures it for its link density test: `readText`
   * less what its clean-up and its pruning by name have already deleted. */
  function keptText(element) {
    const parts = [];
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === 3) parts.push(child.nodeValue);
        else if (child.nodeType === 1 && !UNREAD.has(tagOf(child)) && !CLEANED.has(tagOf(child)) && !prunedByName(child)) walk(child);
      }
    };
    walk(element);
    return trim(parts.join(""));
  }

  /** Whether trafilatura's <div> pass deletes this <div> (see above). */
  function divLinkFarm(element) {
    const [farm, shortWithLinks] = linkDensityTest(element);
    return farm || (shortWithLinks && keptChildren(element) >= DIV_LINK_CHILDREN
      && [...keptText(element)].length < DIV_LINK_CHARS);
  }

  /** Whether trafilatura's <p> pass deletes this <p> (see above). */
  function paragraphLinkFarm(element) {
    return !WHOLE_OF.has(tagOf(element.parentElement)) && linkDensityTest(element)[0];
  }

  /** Whether trafilatura deletes `element` by its link density, whichever of its three
   * passes reads that tag (a list's, a <div>'s, a <p>'s). The verdict is kept in `farms`,
   * the reading's own Map of verdicts per element (made by `refine`, handed on to
   * `restoreHeadings`; `cleanedBox` keeps its forms' there too): each element
   * is asked once per block inside it, and a cache shared by the module would keep one
   * page's detached nodes alive until the next reading. */
  function linkDense(element, farms) {
    const tag = tagOf(element);
    if (!LIST_TAGS.has(tag) && tag !== "DIV" && tag !== "P") return false;
    if (!farms.has(element)) {
      farms.set(element, tag === "DIV" ? divLinkFarm(element)
        : tag === "P" ? paragraphLinkFarm(element) : linkDensityTest(element)[0]);
    }
    return farms.get(element);
  }

  /**
   * Whether the server does not read the block because trafilatura prunes a box it sits in,
   * below the article's container (`wrappers`: trafilatura prunes inside the body it picked,
   * never the body or what holds it). Each rule is the server's: its clean-up's deleted
   * tags (`cleanedBox`), trafilatura's pruning by name (`prunedByName`), its link density
   * passes over lists, <div>s and <p>s (`linkDense`, verdicts kept in the reading's
   * `farms`), and, for a <figcaption>, the server's own `with_captions`, which reads back
   * the captions inside the article's container and no others. Never the headline (the
   * server reads it from the page, not from trafilatura).
   */
  function prunedByTrafilatura(block, wrappers, farms) {
    if (!block.anchor || block.kind === "h1") return false;
    if (tagOf(block.anchor) === "FIGCAPTION") {
      // The server reads back only the captions inside the article's container.
      const container = wrappers.values().next().value;
      return !container || ["BODY", "HTML"].includes(tagOf(container)) || !container.contains(block.anchor);
    }
    // A carousel's slide captions (`SLIDE`) are left to the apparatus rule: trafilatura
    // prunes the slides, but then often finds its own reading too short and takes
    // Readability's, where the server reads them as captions (golden page
    // extraction-carousel-and-embeds); read as captions, no detector judges them.
    for (let node = block.anchor, depth = 0; node && depth <= APPARATUS_DEPTH; depth++, node = node.parentElement) {
      if (SLIDE.test(node.getAttribute("class") || "") && node.querySelector("img,picture")) return false;
    }
    for (let node = block.anchor; node && !wrappers.has(node); node = node.parentElement) {
      const tag = tagOf(node);
      if (tag === "BODY" || tag === "HTML") return false;
      if (cleanedBox(node, block, farms) || prunedByName(node) || linkDense(node, farms)) return true;
    }
    return false;
  }

  /** Whether trafilatura's clean-up (`tree_cleaning`) deletes this element, an ancestor of
   * the block's `anchor`, with all it holds before it looks for the article: a `CLEANED`
   * tag (a <label>, a <fieldset>, a <dialog>, a <noscript>, a <time> …) below the article's
   * container. A <figure> goes too (a pull quote, an embed), but not for the text of its
   * <figcaption> (the server reads the captions in the container back, `with_captions`), nor
   * for a caption printed as a <p> in it (a credit line, read as a caption as before the
   * rule: no detector judges it; test_apparatus_gets_the_servers_kinds), nor when it holds a
   * <table> (trafilatura renames such a figure <div>, its #301). A <form>
   * goes unless it holds more than half the page's text (`_handle_forms` keeps that one, an
   * ASP.NET page printed inside one form; `rawText`), the verdict kept in the reading's
   * `farms` beside the link-density ones: it weighs the whole page, and every block in the
   * form asks. Only ancestors are judged: a <time> inside a sentence is still read, as the
   * server reads it (server/pages/extraction/inline.py unwraps it first). */
  function cleanedBox(element, block, farms) {
    const tag = tagOf(element);
    if (tag === "FIGURE") {
      return !block.anchor.closest("figcaption") && !element.querySelector("table")
        && !(block.text && apparatusKind(block) === "figcaption");
    }
    if (tag === "FORM") {
      if (!farms.has(element)) {
        farms.set(element, [...rawText(element)].length * 2 <= [...rawText(element.ownerDocument.documentElement)].length);
      }
      return farms.get(element);
    }
    return CLEANED.has(tag);
  }

  /** An element's text as lxml's `text_content` gives it after the clean-up has deleted the
   * `CLEANED` tags other than forms (whitespace as printed): what `_handle_forms` weighs a
   * form against the whole page with. */
  function rawText(element) {
    const parts = [];
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === 3) parts.push(child.nodeValue);
        else if (child.nodeType === 1 && (tagOf(child) === "FORM" || !CLEANED.has(tagOf(child)))) walk(child);
      }
    };
    walk(element);
    return parts.join("");
  }

  // When its own reading, pruned, is less than this share of what Readability reads,
  // trafilatura takes Readability's reading instead (`_prefer_readability`: "readability
  // much longer", more than twice as long), and that one is not pruned by name; nor is
  // anything pruned when that would leave less than a seventh of the text
  // (`prune_unwanted_nodes(…, with_backup=True)`). So the names are read as the article's.
  const PRUNE_KEEPS = 1 / 2;

  /** Which of `blocks` trafilatura would prune (`prunedByTrafilatura`), or null when that
   * is most of them and trafilatura reads Readability's blocks unpruned (`PRUNE_KEEPS`):
   * null, not "nothing pruned", so that `restoreHeadings` knows whether the boxes it
   * brings headings back from are pruned, also when no block of their own was. */
  function prunedBlocks(blocks, wrappers, farms) {
    const pruned = blocks.map((block) => prunedByTrafilatura(block, wrappers, farms));
    const total = blocks.reduce((sum, block) => sum + block.text.length, 0);
    const left = blocks.reduce((sum, block, i) => sum + (pruned[i] ? 0 : block.text.length), 0);
    return left >= total * PRUNE_KEEPS ? pruned : null;
  }

  /**
   * Readability's blocks less the chrome it kept, apparatus named as such: the same rules
   * as the server's `refine` (server/pages/extraction/blocks.py), so that on the same page
   * the two read the same paragraphs. Gives the blocks and the article's wrappers.
   */
  function refine(blocks, pruning = false) {
    // The container is looked for among the blocks outside the chrome: a mega-menu that
    // holds most of the text is not the article.
    const outside = blocks.filter((block) => block.anchor && !inChrome(block.anchor, new Set()));
    const wrappers = articleWrappers(outside.length ? outside : blocks);
    const kept = [];
    const boxes = new Boxes();
    const teasers = storyTeasers(blocks);
    const farms = new Map();
    const pruned = pruning ? prunedBlocks(blocks, wrappers, farms) : null;
    const judged = blocks.map((block, i) => {
      const heading = /^h[1-6]$/.test(block.kind);
      const read = !pruned?.[i] && judgeBlock(block, wrappers, kept, boxes, teasers[i]);
      if (read) kept.push(block);
      return { block, heading, read };
    });
    // A heading whose every block was dropped heads nothing of the article ("Also on our
    // site" over a list of links): the server's `_without_empty_sections`.
    const empty = new Set();
    judged.forEach(({ block, heading, read }, i) => {
      if (!heading || !read || block.kind === "h1") return;
      let end = i + 1;
      while (end < judged.length && !judged[end].heading) end++;
      const section = judged.slice(i + 1, end);
      if (section.length && section.every((later) => !later.read)) empty.add(block);
    });
    const cut = new Set(withoutCommentSection(judged.map((entry) => ({ ...entry, read: entry.read && !empty.has(entry.block) })))
      .filter((entry) => !entry.read).map((entry) => entry.block));
    return { blocks: dropRepeatedRuns(dropConsentRows(kept.filter((block) => !cut.has(block)))), wrappers,
      pruning: pruned !== null, farms };
  }

  // The labels of a cookie declaration's rows, whatever the consent tool is called (the
  // server's `_CONSENT_LABEL`; its closing `\b` is Python's Unicode one, spelt out here),
  // and those that name what is stored or for how long (`_STORED`): a loan's facts may say
  // "Anbieter:" and "Zweck:", never "Speicherdauer:".
  const WORD_EDGE = "(?:(?<=[\\p{L}\\p{N}_])(?![\\p{L}\\p{N}_])|(?<![\\p{L}\\p{N}_])(?=[\\p{L}\\p{N}_]))";
  const CONSENT_LABEL_SOURCE = "(?:zweck|anbieter|speicherdauer|cookie[- ]?laufzeit|laufzeit des cookies|cookie[- ]?namen?|"
    + "datenschutzerkl(?:ä|ae)rung|rechtsgrundlage|purpose|provider|expiry|retention period|"
    + `cookie[- ]?names?|privacy policy|host\\(s\\)|hosts)${WORD_EDGE}`;
  const CONSENT_LABEL = new RegExp(`^${CONSENT_LABEL_SOURCE}`, "iu");
  const CONSENT_LABELS = new RegExp(CONSENT_LABEL_SOURCE, "giu");
  const STORED = new Set(["speicherdauer", "cookie laufzeit", "cookie-laufzeit", "cookielaufzeit",
    "laufzeit des cookies", "cookie name", "cookie-name", "cookiename", "cookie namen", "cookie-namen",
    "cookienamen", "cookie names", "cookie-names", "cookienames", "datenschutzerklärung",
    "datenschutzerklaerung", "expiry", "retention period", "privacy policy", "host(s)", "hosts"]);
  const CONSENT_ROW_WORDS = 40;
  const CONSENT_ROW_WINDOW = 3;

  /** The declaration label a block opens with ("Zweck:"; a table row's first cell needs no
   * colon), lower-cased, or null: the server's `_consent_label`. */
  function consentLabel(block) {
    if (words(block.text) > CONSENT_ROW_WORDS) return null;
    const found = CONSENT_LABEL.exec(block.text);
    if (!found) return null;
    const rest = block.text.slice(found[0].length);
    if (!rest.trimStart().startsWith(":") && !(block.kind === "tr" && /^\s/.test(rest))) return null;
    return found[0].toLowerCase();
  }

  /** Without the rows of a cookie declaration: a block opening with one label ("Zweck: …")
   * near one opening with another, or holding two, one of them naming what is stored or for
   * how long (the server's `drop_consent_rows`). A consent dialog prints them once per
   * cookie, so a page that read them would get "repeated paragraphs" by the dozen. */
  function dropConsentRows(blocks) {
    const labels = blocks.map(consentLabel);
    return blocks.filter((block, i) => {
      if (labels[i] === null) return true;
      const found = new Set(labels.slice(Math.max(0, i - CONSENT_ROW_WINDOW), i + CONSENT_ROW_WINDOW + 1).filter(Boolean));
      for (const match of block.text.matchAll(CONSENT_LABELS)) {
        if (block.text.slice(match.index + match[0].length).trimStart().startsWith(":")) found.add(match[0].toLowerCase());
      }
      return !(found.size >= 2 && [...found].some((label) => STORED.has(label)));
    });
  }

  /** Whether a block of Readability's is the article (giving apparatus its kind): the
   * server's `_judge`. `kept`: the blocks read before it; `boxes`: the page's `Boxes`. */
  function judge(block, wrappers, kept, boxes) {
    if (SERVER_ERROR.test(block.text) || isAdLabel(block.text, block.kind)
        || isDisclosure(block.text) || isOwnPromotion(block.text) || isSiteNotice(block.text, block.anchor ? linksOf(block.anchor) : null)) return false;
    if (block.anchor) {
      if (inChrome(block.anchor, wrappers)) return false;
      if (block.kind === "li" && isMenuItem(block.anchor)) return false;
      if (block.kind === "p" && linkShareOf(block.anchor) >= LINK_SHARE && (words(block.text) <= LINK_MAX_WORDS
          || block.anchor.querySelectorAll("a").length >= LINK_LIST_LINKS)) return false;
      if (/^(p|h[2-6])$/.test(block.kind) && isLabelAndLink(block)) return false;
      if (boxes.printedTwice(block.text, block.anchor)) return false;
      let found = apparatusKind(block);
      // A credit in a caption's box is the caption: kept, as a caption.
      if (found !== "figcaption" && block.kind !== "figcaption" && isCredit(block.text)) return false;
      if (found === "standfirst" && kept.length >= STANDFIRST_WITHIN) found = null;
      if (found && (RETYPED.has(block.kind) || found === "standfirst")) block.kind = found;
      else if (block.kind === "p" && isQuote(block.anchor)) block.kind = "blockquote";
    }
    // The standfirst printed again as the lede under it is read once, as the server reads it.
    return !(block.kind === "p" && kept.some((k) => k.kind === "standfirst" && k.text === block.text));
  }

  /**
   * Readability drops what it takes for page furniture, which includes a headline printed
   * twice: exactly what a content farm does. So the page's headline (the <h1> closest to the
   * title) and the headings of the article itself come back as blocks: those inside the
   * article's container (the deepest element holding half its text), outside the chrome,
   * not links (a teaser's headline), and before some paragraph of it (a heading after the
   * last paragraph, "3 comments", "More on this", heads nothing of the article).
   */
  function restoreHeadings(blocks, headline, wrappers, pruning = false, farms = new Map(), named = false) {
    const used = new Set(blocks.flatMap((block) => block.nodes));
    const container = wrappers.values().next().value || null;
    const last = blocks.reduce((found, block) => (found && inDocumentOrder(found, block) > 0 ? found : block), null);
    const lastNode = last?.nodes[last.nodes.length - 1];
    // (Judged as the server judges trafilatura's headings: not in a box trafilatura prunes
    // when the article's blocks were pruned, `prunedByTrafilatura`, nor the site speaking
    // of itself, "Lesen Sie auch", `isSiteNotice`, or promoting itself, `isOwnPromotion`.)
    const inArticle = (heading) => !inChrome(heading, wrappers) && linkShareOf(heading) < LINK_SHARE
      && !(pruning && prunedByTrafilatura({ anchor: heading, kind: "h2" }, wrappers, farms))
      && !isSiteNotice(textOf(heading), linksOf(heading)) && !isOwnPromotion(textOf(heading))
      && Boolean(lastNode && heading.compareDocumentPosition(lastNode) & Node.DOCUMENT_POSITION_FOLLOWING);
    const headings = container ? [...container.querySelectorAll("h1,h2,h3,h4,h5,h6")].filter(inArticle) : [];
    // A title printed apart from the article's headings (`named`) whose words a read block
    // holds is that block, not a repeat of it: the server's `_with_headline` for its NAMED.
    const readAlready = named && headline && blocks.some((block) => block.text === textOf(headline)
      && /^(h[1-6]|p)$/.test(block.kind));
    if (headline && !headings.includes(headline) && !readAlready) headings.push(headline);
    for (const heading of headings) {
      if (!visible(heading)) continue;
      const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
      let taken = false;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) if (used.has(node)) taken = true;
      if (taken) continue;
      const block = blockFromElement(heading, heading.tagName.toLowerCase());
      if (block) blocks.push(block);
    }
    if (headline) {
      // The headline is the page's one h1 (printed in an <h2> or not); any other <h1>
      // (a breadcrumb, the site's name) is a heading below it, as the server has it.
      const text = textOf(headline);
      const own = blocks.find((block) => block.anchor === headline)
        || blocks.find((block) => block.text === text && /^(h[1-6]|p)$/.test(block.kind));
      for (const block of blocks) if (block.kind === "h1" && block !== own) block.kind = "h2";
      if (own) own.kind = "h1";
    }
    return blocks;
  }

  // The server's `missing_standfirst` (server/pages/extraction/blocks.py).
  const LEDE = /(?:^|[-_ ])(?:standfirst|dek|deck|sub-?headline|subtitle|summary|abstract|lead|lede|leadtext|lead-?text|intro|intro-?text|teaser|teaser-?text|excerpt|description|strapline|short-?info)(?:$|[-_ ])/i;
  const LEDE_WORDS = [8, 120];
  const LEDE_TAGS = "p,div,h2,h3,span,section,strong";
  const PROSE_WORDS = 15;
  const SENTENCE_END = /[.!?…]["'”“»«)]*$/;
  const INLINE = new Set(["A", "B", "STRONG", "EM", "I", "SPAN", "BR", "SMALL", "ABBR", "SUP", "SUB", "U", "MARK", "Q", "CITE", "TIME", "FONT"]);

  /**
   * The first paragraph or list item after the headline: where the article's body starts.
   * (The server takes the first of its blocks; the extension's may open with a line printed
   * above the headline, a skip link "Zum Hauptinhalt springen", which ended the search for
   * what lies between the headline and the body before it began.)
   */
  function firstBodyBlock(blocks, headline) {
    const text = textOf(headline);
    return blocks.find((block) => (block.kind === "p" || block.kind === "li") && block.text !== text
      && Boolean(headline.compareDocumentPosition(block.nodes[0]) & Node.DOCUMENT_POSITION_FOLLOWING));
  }

  /**
   * The standfirst the page prints between its headline and its body when Readability left
   * it out (a page-wide <header> outside the <article> reads as the site's): the first
   * element after the headline and before the first body block with a lede's class name,
   * a paragraph of prose in the headline's own <header>, or a paragraph of prose of 15
   * words or more anywhere there; of a standfirst's length,
   * outside the chrome below what it shares with the headline, not a link, not a
   * dateline, and not already read. Added to `blocks` as the standfirst.
   */
  function withMissingStandfirst(blocks, headline) {
    if (!headline) return blocks;
    const body = firstBodyBlock(blocks, headline);
    const end = body?.nodes[0];
    if (!end) return blocks;
    const around = new Set();
    for (let node = headline.parentElement; node; node = node.parentElement) around.add(node);
    const header = headline.parentElement?.closest("header") || null;
    for (const element of document.querySelectorAll(LEDE_TAGS)) {
      if (!(headline.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING)
          || headline.contains(element)) continue;
      if (!(element.compareDocumentPosition(end) & Node.DOCUMENT_POSITION_FOLLOWING)) break;
      const named = LEDE.test(namesOf(element));
      const lede = textOf(element);
      const count = words(lede);
      const inHeader = tagOf(element) === "P" && header?.contains(element);
      const paragraph = (tagOf(element) === "P" || tagOf(element) === "DIV")
        && [...element.children].every((child) => INLINE.has(tagOf(child))) && count >= PROSE_WORDS;
      if (!named && !inHeader && !paragraph) continue;
      if (count < LEDE_WORDS[0] || count > LEDE_WORDS[1]) continue;
      if (!named && !SENTENCE_END.test(lede)) continue;
      if (count < PROSE_WORDS && element.querySelector("time")) continue;
      if (inChrome(element, around) || linkShareOf(element) >= LINK_SHARE || !visible(element)) continue;
      const block = blockFromElement(element, "standfirst");
      if (!block) continue;
      const found = apparatusKind(block);
      if (found === "byline" || found === "dateline" || (found === "figcaption" && !named)) continue;
      if (blocks.some((other) => other.text.includes(block.text) || block.text.includes(other.text))) return blocks;
      return [...blocks, block].sort(inDocumentOrder);
    }
    return blocks;
  }

  /** The blocks less the headings after the article's last paragraph ("Most read",
   * "Related articles", "3 comments"): a heading there heads nothing of the article. */
  function withoutTrailingHeadings(blocks) {
    const isHeading = (block) => /^h[1-6]$/.test(block.kind);
    let end = blocks.length;
    while (end > 0 && isHeading(blocks[end - 1]) && blocks[end - 1].kind !== "h1") end--;
    return end > 0 ? blocks.slice(0, end) : blocks;
  }

  /** Similarity of two texts as rapidfuzz's token_sort_ratio (0-100): words sorted, then
   * the Indel distance. The server matches headlines to titles with it. */
  function tokenSortRatio(a, b) {
    const x = a.toLowerCase().split(/\s+/).filter(Boolean).sort().join(" ");
    const y = b.toLowerCase().split(/\s+/).filter(Boolean).sort().join(" ");
    if (!x.length && !y.length) return 100;
    let previous = new Array(y.length + 1).fill(0);
    for (let i = 1; i <= x.length; i++) {
      const row = [0];
      for (let j = 1; j <= y.length; j++) {
        row.push(x[i - 1] === y[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], row[j - 1]));
      }
      previous = row;
    }
    return (200 * previous[y.length]) / (x.length + y.length);
  }

  const TITLE_PARTS = /\s+[|\-–—:·•»]\s+|:\s+/;
  const HEADLINE_MATCH = 80;
  // A heading in a page-wide <header> must match a declared title this closely.
  const HEADER_MATCH = 90;

  /** The heading most like one of the declared titles, when at least `least` alike. */
  function bestMatch(headings, titles, least) {
    let best = null;
    let score = 0;
    for (const heading of headings) {
      const text = textOf(heading);
      for (const title of titles) {
        const s = tokenSortRatio(text, title) + (tagOf(heading) === "H1" ? 1 : 0);
        if (s > score) [best, score] = [heading, s];
      }
    }
    return best && score >= least ? best : null;
  }

  /** Every title the page declares for its article, most trustworthy first (og:title,
   * twitter:title, JSON-LD headline, <title> less the site's name, <title>). */
  function declaredTitles() {
    const titles = [...metadataTitles()];
    const full = (document.querySelector("title")?.textContent || "").replace(/\s+/g, " ").trim();
    if (full) {
      const parts = full.split(TITLE_PARTS);
      titles.push(parts.length > 1 ? parts.reduce((a, b) => (b.length > a.length ? b : a)) : full, full);
    }
    return [...new Set(titles.filter(Boolean).map((t) => t.replace(/\s+/g, " ").trim()))];
  }

  /** The titles the page's metadata declares (og:title, twitter:title, JSON-LD headline):
   * the named-title rule runs only on a page that has one, as the server's
   * `_declared_by_metadata` (a bare <title> is often only the site's name). */
  function metadataTitles() {
    const titles = [metaContent(new Set(["og:title"])), metaContent(new Set(["twitter:title"]))];
    for (const script of document.querySelectorAll('script[type*="ld+json" i]')) {
      let stack;
      try {
        stack = [JSON.parse(script.textContent || "")];
      } catch {
        continue;
      }
      while (stack.length) {
        const item = stack.pop();
        if (Array.isArray(item)) stack.push(...item);
        else if (item && typeof item === "object") {
          if (typeof item.headline === "string" && item.headline.trim()) titles.push(item.headline.trim());
          if (item["@graph"] != null) stack.push(item["@graph"]);
        }
      }
    }
    return titles.filter(Boolean);
  }

  // A class or id naming an element as a title ("page-title", "headline", "h1"), one naming
  // the site's or a widget's title instead ("site-title", "widget-title", a logo, a share
  // box's), a box of other stories' cards or of share buttons, and
  // what a title is printed in besides headings: the server's `_TITLE_NAME`, `_SITE_NAME`,
  // `_CARDS_BOX` and `_TITLE_TAGS`.
  const TITLE_NAME = /(?:^|[-_\s])(?:h1|title|headline)(?:$|[-_\s])/i;
  const SITE_NAME = /(?:^|[-_\s])(?:site|logo|brand|widget|share|sharing|social)(?:$|[-_\s])/i;
  const CARDS_BOX = /(?:^|[-_\s])(?:related|popular|most-?read|most-?popular|trending|recommended|meistgelesen|widget|share|sharing|social)(?:$|[-_\s])/i;
  const TITLE_TAGS = "h1,h2,div,span,p,header,strong,b";
  const APART = new Set(["NAV", "A", "ASIDE", "TEMPLATE", "NOSCRIPT"]);

  // A title this much of whose text is a link's leads elsewhere (the server's `_LINKED_TITLE`).
  const LINKED_TITLE = 0.5;

  /** Every heading, and every element named as a title, of two words or more, that a
   * reader takes for this page's title: before the body's first paragraph (`body`, its
   * first node), not in the navigation, a link, an aside or a box of other stories' cards,
   * not holding a link as its text, not the site's name, and shown (the server's
   * `_named_titles`): where the declared title is looked for last. */
  function namedTitles(body) {
    const site = (metaContent(new Set(["og:site_name"])) || "").toLowerCase();
    const before = (element) => !body || Boolean(element.compareDocumentPosition(body) & Node.DOCUMENT_POSITION_FOLLOWING);
    return [...document.querySelectorAll(TITLE_TAGS)].filter((element) =>
      (/^H[12]$/.test(element.tagName) || TITLE_NAME.test(namesOf(element)))
      && !SITE_NAME.test(namesOf(element)) && element.children.length <= 3 && before(element)
      && apartFromOtherPages(element) && visible(element) && words(textOf(element)) >= 2
      && textOf(element).toLowerCase() !== site && linkShareOf(element) < LINKED_TITLE);
  }

  /** Whether the element is shown and not in a menu, a link, an aside or a box of other
   * stories' cards (the server's `_apart_from_other_pages`). */
  function apartFromOtherPages(element) {
    for (let node = element; node; node = node.parentElement) {
      if (APART.has(tagOf(node)) || (node.getAttribute("role") || "").toLowerCase() === "navigation"
          || node.hasAttribute("hidden") || node.getAttribute("aria-hidden") === "true"
          || /display\s*:\s*none/i.test(node.getAttribute("style") || "")
          || (node !== element && CARDS_BOX.test(namesOf(node)))) return false;
    }
    return true;
  }

  /** The visible <h1>/<h2> (or element named as the title) that is the article's headline,
   * as the server's `headline.choose` finds it: the one most like a declared title, not the
   * first <h1>. */
  function chooseHeadline(blocks) {
    const shown = [...document.querySelectorAll("h1,h2")].filter((h) => visible(h) && words(textOf(h)) >= 2);
    const candidates = shown.filter((h) => !inChrome(h, new Set()));
    // A heading in a page-wide <header> (outside the <article>, so read as the site's
    // chrome) counts when it is the declared title itself: the server's `_in_page_header`.
    const inHeader = shown.filter((h) => !candidates.includes(h) && h.parentElement?.closest("header")
      && !inChrome(h, new Set([h.parentElement.closest("header")])));
    const titles = declaredTitles();
    if (titles.length) {
      const best = bestMatch(candidates, titles, HEADLINE_MATCH) || bestMatch(inHeader, titles, HEADER_MATCH);
      if (best) return { element: best, named: false };
      // Last, on a page with no <h1> outside the chrome, the declared title printed apart
      // from the article's headings (the server's `NAMED`).
      const body = blocks.find((block) => block.kind === "p")?.nodes[0] || null;
      const named = candidates.some((h) => tagOf(h) === "H1") || !metadataTitles().length ? null
        : bestMatch(namedTitles(body), titles, HEADER_MATCH);
      if (named) return { element: named, named: true };
    }
    if (!candidates.length) return { element: null, named: false };
    const h1s = candidates.filter((h) => tagOf(h) === "H1");
    return { element: !titles.length || h1s.length === 1 ? h1s[0] || null : null, named: false };
  }

  function inDocumentOrder(a, b) {
    const x = a.nodes[0];
    const y = b.nodes[0];
    if (x === y) return 0;
    return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  }

  /**
   * How a reader names each block, as the server's Page.label does: "the headline" (a first
   * heading that is the title or an h1), "heading 2", "paragraph 3": headings are not
   * counted as paragraphs.
   */
  function readerLabels(blocks) {
    const isHeading = (block) => /^(h[1-6]|title)$/.test(block.kind);
    const first = blocks.findIndex(isHeading);
    const headline = first >= 0 && /^(h1|title)$/.test(blocks[first].kind) ? first : -1;
    let paragraphs = 0;
    let headings = 0;
    return blocks.map((block, i) => {
      if (!isHeading(block)) return `paragraph ${++paragraphs}`;
      return i === headline ? "the headline" : `heading ${++headings}`;
    });
  }

  function collect() {
    const started = performance.now();
    const base = {
      url: location.href.split("#")[0],
      lang: pageLanguage(),
    };
    if (!document.body || typeof Readability !== "function") {
      return { ...base, noArticle: true, words: 0, blocks: [], ms: performance.now() - started };
    }
    const { clone, twins } = cloneWithTwins();
    let article = null;
    try {
      article = new Readability(clone, { serializer: (element) => element }).parse();
    } catch {
      article = null;
    }
    const title = (metaContent(new Set(["og:title"])) || article?.title || document.title || "").trim().slice(0, 2000) || null;
    let blocks = article?.content ? blocksFromArticle(article.content, twins) : [];
    const readable = blocks.filter((block) => visible(block.anchor) && !isLabel(block));
    let refined = refine(withContinuedBody(readable), true);
    const count = (list) => list.reduce((sum, block) => sum + words(block.text), 0);
    if (count(refined.blocks) < MIN_ARTICLE_WORDS) {
      // Readability found nothing, or took a cookie notice or a browser warning for the
      // article and the rules above dropped it: the page is read block by block instead,
      // as the server's `fallback_blocks` reads it. Each text the rules keep is read once:
      // with no article to hold them apart, a teaser printed again as the first paragraph
      // (rnz on half a) cannot be told from an author's repeat, and a false "repeated
      // paragraph" costs more than a repeat missed on such a page. (Once after `refine`,
      // not before: a chrome copy printed first would take the article's copy with it.)
      const fallback = refine(fallbackBlocks().filter((block) => visible(block.anchor) && !isLabel(block)));
      const seen = new Set();
      fallback.blocks = fallback.blocks.filter((block) => !seen.has(block.text) && seen.add(block.text));
      if (count(fallback.blocks) > count(refined.blocks)) refined = fallback;
    }
    blocks = refined.blocks;
    const total = count(blocks);
    if (total < MIN_ARTICLE_WORDS) {
      clearMarks();
      state.blocks = [];
      state.byId = new Map();
      return { ...base, title, noArticle: true, words: total, blocks: [], ms: performance.now() - started };
    }
    const { element: headline, named } = chooseHeadline(blocks);
    blocks = withoutHeadingsOverNothing(restoreHeadings(blocks, headline, refined.wrappers, refined.pruning, refined.farms, named).sort(inDocumentOrder), headline);
    blocks = dropAuthorNote(withoutTrailingHeadings(withMissingStandfirst(blocks, headline)));
    clearMarks();
    blocks.forEach((block, i) => {
      block.number = i + 1;
      block.id = `b${i + 1}`;
    });
    const labels = readerLabels(blocks);
    blocks.forEach((block, i) => {
      block.label = labels[i];
    });
    state.blocks = blocks;
    state.byId = new Map(blocks.map((block) => [block.id, block]));
    return {
      ...base,
      title,
      published: publishedDate(article?.publishedTime),
      blocks: blocks.map(({ id, kind, text }) => ({ id, kind, text })),
      labels,
      words: blocks.reduce((sum, block) => sum + words(block.text), 0),
      noArticle: false,
      ms: performance.now() - started,
    };
  }

  // --- offsets to ranges --------------------------------------------------------------

  /** Offsets from the server count code points; JavaScript strings count UTF-16 units. */
  function toUnits(block, codePoint) {
    if (block.cp === undefined) {
      block.cp = null;
      if (/[\uD800-\uDFFF]/.test(block.text)) {
        block.cp = [];
        for (let i = 0; i < block.text.length; i++) {
          block.cp.push(i);
          const code = block.text.charCodeAt(i);
          if (code >= 0xd800 && code <= 0xdbff) i++;
        }
        block.cp.push(block.text.length);
      }
    }
    if (!block.cp) return Math.min(codePoint, block.text.length);
    return block.cp[Math.min(codePoint, block.cp.length - 1)];
  }

  function rangeOf(block, start, end) {
    const from = toUnits(block, Math.max(0, start));
    const to = toUnits(block, Math.max(start, end));
    let first = -1;
    for (let i = from; i < to; i++) if (block.nodeOf[i] >= 0) { first = i; break; }
    let last = -1;
    for (let i = to - 1; i >= from; i--) if (block.nodeOf[i] >= 0) { last = i; break; }
    if (first < 0 || last < 0) return null;
    const startNode = block.nodes[block.nodeOf[first]];
    const endNode = block.nodes[block.nodeOf[last]];
    if (!startNode.isConnected || !endNode.isConnected) return null;
    try {
      const range = document.createRange();
      range.setStart(startNode, block.offsetOf[first]);
      range.setEnd(endNode, Math.min(endNode.length, block.offsetOf[last] + 1));
      return range;
    } catch {
      return null; // The page changed since its blocks were read.
    }
  }

  // --- painting ----------------------------------------------------------------------

  const kindName = (type) => String(type).toLowerCase().replace(/[^a-z0-9-]+/g, "-");
  const highlightName = (type) => PREFIX + kindName(type);
  // The paragraphs that re-tellings repeat: marked lighter than the re-tellings.
  const SOURCE_NAME = `${PREFIX}duplicate-source`;

  function painted() {
    if (document.visibilityState !== "visible") return Promise.resolve();
    return new Promise((resolve) => {
      const fallback = setTimeout(resolve, 100);
      requestAnimationFrame(() => setTimeout(() => {
        clearTimeout(fallback);
        resolve();
      }, 0));
    });
  }

  function shadowHost(tag, style) {
    const host = document.createElement(tag);
    host.setAttribute("style", style);
    const root = host.attachShadow({ mode: "closed" });
    document.documentElement.appendChild(host);
    return { host, root };
  }

  const HOST_STYLE = "all: initial !important; position: absolute !important; top: 0 !important; left: 0 !important; width: 0 !important; height: 0 !important; overflow: visible !important; pointer-events: none !important; z-index: 2147483646 !important; display: block !important; contain: none !important;";

  function drawOverlay() {
    if (!state.overlay) {
      const { host, root } = shadowHost("newslint-marks", HOST_STYLE);
      const style = document.createElement("style");
      style.textContent = `
        .box { position: absolute; pointer-events: none; border-radius: 2px; mix-blend-mode: multiply; }
        .flash { background: rgba(0, 132, 255, 0.35); outline: 2px solid rgba(0, 132, 255, 0.8); }`;
      const layer = document.createElement("div");
      root.append(style, layer);
      state.overlay = { host, root, layer };
    }
    const boxes = [];
    const add = (range, colour, extra) => {
      for (const rect of range.getClientRects()) {
        if (!rect.width || !rect.height) continue;
        const box = document.createElement("div");
        box.className = extra ? `box ${extra}` : "box";
        box.style.left = `${rect.left + scrollX}px`;
        box.style.top = `${rect.top + scrollY}px`;
        box.style.width = `${rect.width}px`;
        box.style.height = `${rect.height}px`;
        if (colour) box.style.background = colour;
        boxes.push(box);
      }
    };
    if (state.mode === "overlay") {
      const colours = new Map(Object.entries(state.kinds).map(([kind, info]) => [highlightName(kind), info.colour]));
      colours.set(SOURCE_NAME, "#f9d77e");
      for (const [name, ranges] of state.ranges) {
        for (const range of ranges) add(range, translucent(colours.get(name) || "#888888"), `kind-${name.slice(PREFIX.length)}`);
      }
    }
    if (state.flash && state.mode === "overlay") add(state.flash.range, null, "flash");
    state.overlay.layer.replaceChildren(...boxes);
  }

  function translucent(hex) {
    const value = /^#([0-9a-f]{6})$/i.exec(hex)?.[1] || "888888";
    const [r, g, b] = [0, 2, 4].map((i) => Number.parseInt(value.slice(i, i + 2), 16));
    return `rgba(${r}, ${g}, ${b}, 0.38)`;
  }

  /**
   * The ranges to paint, per highlight name: one range per stretch of text, overlapping
   * findings of a kind (a paragraph that re-tells two others) merged first. Firefox paints
   * only one of two overlapping ranges of a highlight, and overlay boxes would darken.
   */
  function paintedRanges() {
    const spans = new Map(); // name -> block -> [[start, end], …]
    for (const mark of [...state.marks, ...state.mirrors]) {
      const name = mark.mirror ? SOURCE_NAME : state.kinds[mark.kind] ? highlightName(mark.kind) : `${PREFIX}other`;
      if (!spans.has(name)) spans.set(name, new Map());
      const blocks = spans.get(name);
      if (!blocks.has(mark.block)) blocks.set(mark.block, []);
      blocks.get(mark.block).push([mark.annotation.start, mark.annotation.end]);
    }
    const byName = new Map();
    for (const [name, blocks] of spans) {
      const ranges = [];
      for (const [block, list] of blocks) {
        list.sort((a, b) => a[0] - b[0]);
        const merged = [];
        for (const [start, end] of list) {
          const last = merged[merged.length - 1];
          if (last && start <= last[1]) last[1] = Math.max(last[1], end);
          else merged.push([start, end]);
        }
        for (const [start, end] of merged) {
          const range = rangeOf(block, start, end);
          if (range) ranges.push(range);
        }
      }
      byName.set(name, ranges);
    }
    return byName;
  }

  function paint() {
    state.ranges = paintedRanges();
    if (state.mode !== "highlights") {
      drawOverlay();
      return;
    }
    for (const [name, ranges] of state.ranges) {
      const highlight = new Highlight(...ranges);
      // A date inside a re-told paragraph must show as a date conflict, and a paragraph that
      // is both re-told and a re-telling as a re-telling.
      highlight.priority = name === SOURCE_NAME ? -1 : name === highlightName("duplicate") ? 0 : 1;
      CSS.highlights.set(name, highlight);
      state.names.add(name);
    }
  }

  function unpaint() {
    // Our own list of names: Firefox cannot hand a content script the registry's
    // iterators (they are the page's objects, seen through Xray wrappers).
    if (hasHighlights) for (const name of state.names) CSS.highlights.delete(name);
    state.names.clear();
    state.overlay?.host.remove();
    state.overlay = null;
    state.ranges = new Map();
  }

  async function mark({ annotations = [], paint: paintMode = "auto", kinds = {} }) {
    const started = performance.now();
    clearMarks();
    state.kinds = kinds;
    state.mode = hasHighlights && paintMode !== "overlay" ? "highlights" : "overlay";
    let missing = 0;
    for (const annotation of annotations) {
      const block = state.byId.get(annotation.block);
      const range = block && rangeOf(block, annotation.start, annotation.end);
      if (!range) {
        missing++;
        continue;
      }
      const found = { annotation, range, block, kind: annotation.type };
      state.marks.push(found);
      const anchor = block.anchor || range.commonAncestorContainer.parentElement;
      if (!state.marksByAnchor.has(anchor)) state.marksByAnchor.set(anchor, []);
      state.marksByAnchor.get(anchor).push(found);
    }
    state.mirrors = mirrorsOf(state.marks);
    for (const found of state.mirrors) {
      const anchor = found.block.anchor || found.range.commonAncestorContainer.parentElement;
      if (!state.marksByAnchor.has(anchor)) state.marksByAnchor.set(anchor, []);
      state.marksByAnchor.get(anchor).push(found);
    }
    if (state.marks.length) {
      paint();
      listen(true);
    }
    await painted();
    return { painted: state.marks.length, mirrored: state.mirrors.length, missing, mode: state.mode, ms: performance.now() - started };
  }

  /**
   * The other side of every re-telling: one mark per place re-told (its twin), naming every
   * paragraph that re-tells it, each a link back, with the sentence pairs seen from its side.
   */
  function mirrorsOf(marks) {
    const byPlace = new Map();
    for (const found of marks) {
      if (found.kind !== "duplicate") continue;
      for (const place of found.annotation.related || []) {
        if (place.role && place.role !== "twin") continue;
        const block = state.byId.get(place.block);
        if (!block) continue;
        const key = `${place.block}:${place.start}:${place.end}`;
        if (!byPlace.has(key)) {
          const range = rangeOf(block, place.start, place.end);
          if (!range) continue;
          byPlace.set(key, { place, block, range, sources: [] });
        }
        byPlace.get(key).sources.push(found);
      }
    }
    return [...byPlace.values()].map(({ place, block, range, sources }, i) => {
      const names = [...new Set(sources.map((source) => placeName(source.block)))];
      const sentences = sources.flatMap((source) => (source.annotation.evidence?.sentences || [])
        .filter((pair) => pair.twin.block === block.id)
        .map((pair) => ({ sentence: pair.twin, twin: pair.sentence })));
      return {
        annotation: {
          id: `twin-${i + 1}`, type: "duplicate", block: block.id, start: place.start, end: place.end,
          message: `${capitalised(placeName(block))} is told again in ${andList(names)}.`,
          related: sources.map((source) => ({ block: source.annotation.block, start: source.annotation.start, end: source.annotation.end, role: "retelling" })),
          evidence: { sentences },
        },
        range, block, kind: "duplicate", mirror: true,
      };
    });
  }

  function clearMarks() {
    const count = state.marks.length;
    hideCard(true);
    stopFlash();
    unpaint();
    state.card?.host.remove();
    state.card = null;
    state.marks = [];
    state.mirrors = [];
    state.marksByAnchor = new Map();
    listen(false);
    return count;
  }

  // --- finding what is under the pointer or the caret ----------------------------------------

  function marksAtPoint(x, y, target) {
    let element = target instanceof Element ? target : null;
    while (element && !state.marksByAnchor.has(element)) element = element.parentElement;
    if (!element) return [];
    const hits = [];
    for (const found of state.marksByAnchor.get(element)) {
      for (const rect of found.range.getClientRects()) {
        if (x >= rect.left - 1 && x <= rect.right + 1 && y >= rect.top - 1 && y <= rect.bottom + 1) {
          hits.push({ found, rect });
          break;
        }
      }
    }
    // The narrowest finding first: a date inside a re-told paragraph is what is pointed at.
    return hits.sort((a, b) => span(a.found) - span(b.found));
  }

  const span = (found) => found.annotation.end - found.annotation.start;

  function marksAtCaret() {
    const selection = getSelection();
    if (!selection || !selection.isCollapsed || !selection.rangeCount) return [];
    const { startContainer, startOffset } = selection.getRangeAt(0);
    return state.marks.filter((found) => {
      try {
        return found.range.isPointInRange(startContainer, startOffset);
      } catch {
        return false;
      }
    }).sort((a, b) => span(a) - span(b));
  }

  // --- the card ------------------------------------------------------------------------

  const CARD_CSS = `
    :host { all: initial; }
    .card { position: fixed; box-sizing: border-box; max-width: min(360px, calc(100vw - 16px)); min-width: 220px;
      padding: 10px 12px; border-radius: 8px; background: #ffffff; color: #1d1d1f; pointer-events: auto;
      font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; text-align: left;
      box-shadow: 0 6px 24px rgba(0, 0, 0, 0.22), 0 0 0 1px rgba(0, 0, 0, 0.08);
      max-height: calc(100vh - 16px); overflow: auto; overscroll-behavior: contain; }
    .card[hidden] { display: none; }
    section + section { margin-top: 8px; padding-top: 8px; border-top: 1px solid rgba(0, 0, 0, 0.1); }
    .kind { margin: 0 0 2px; font-weight: 600; font-size: 12px; letter-spacing: 0.02em; display: flex; align-items: center; gap: 6px; }
    .dot { width: 10px; height: 10px; border-radius: 50%; flex: none; }
    .message { margin: 0 0 6px; }
    button { all: unset; cursor: pointer; display: block; color: #0b57d0; text-decoration: underline; margin-top: 2px; overflow-wrap: anywhere; }
    button:focus-visible { outline: 2px solid #0b57d0; outline-offset: 2px; border-radius: 2px; }
    .brand { margin-top: 6px; font-size: 11px; color: #6b6b70; }
    .pairs { margin: 4px 0 6px; padding: 0; list-style: none; font-size: 12px; }
    .pairs li { margin: 0 0 4px; padding-left: 8px; border-left: 3px solid #f4b400; }
    .pairs .said { color: #5f6368; }
    .back { font-weight: 600; margin: 0 0 8px; }
    @media (prefers-color-scheme: dark) {
      .card { background: #26262a; color: #f1f1f3; box-shadow: 0 6px 24px rgba(0, 0, 0, 0.5), 0 0 0 1px rgba(255, 255, 255, 0.12); }
      button { color: #8ab4f8; } button:focus-visible { outline-color: #8ab4f8; }
      section + section { border-top-color: rgba(255, 255, 255, 0.15); } .brand { color: #a1a1a6; }
    }`;

  function ensureCard() {
    if (state.card) return state.card;
    const { host, root } = shadowHost("newslint-card", HOST_STYLE.replace("position: absolute", "position: fixed").replace("2147483646", "2147483647"));
    const style = document.createElement("style");
    style.textContent = CARD_CSS;
    const box = document.createElement("div");
    box.className = "card";
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-label", "newslint finding");
    box.hidden = true;
    box.addEventListener("pointerenter", () => clearTimeout(state.card?.hideTimer));
    box.addEventListener("pointerleave", () => scheduleHide());
    box.addEventListener("keydown", (event) => {
      if (event.key === "Escape") hideCard(true);
    });
    root.append(style, box);
    state.card = { host, root, box, shown: null, hideTimer: 0 };
    return state.card;
  }

  function snippet(text, length = 70) {
    const clean = text.replace(/\s+/g, " ").trim();
    return clean.length > length ? `${clean.slice(0, length - 1).trimEnd()}…` : clean;
  }

  function placeName(block) {
    if (!block) return "another part of the page";
    return block.label || `block ${block.number}`;
  }

  const capitalised = (text) => text.charAt(0).toUpperCase() + text.slice(1);

  function andList(items) {
    return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
  }

  function relatedLabel(place) {
    const block = state.byId.get(place.block);
    if (!block) return null;
    const range = rangeOf(block, place.start ?? 0, place.end ?? block.text.length);
    const text = range ? range.toString() : block.text;
    if (place.role === "other_date") return `Show the other date: “${snippet(text, 50)}” (${placeName(block)})`;
    if (place.role === "retelling") return `Show ${placeName(block)}, which tells it again: “${snippet(text, 50)}”`;
    return `Show ${placeName(block)}: “${snippet(text)}”`;
  }

  function sentenceText(place) {
    const block = state.byId.get(place?.block);
    const range = block && rangeOf(block, place.start, place.end);
    return range ? range.toString() : "";
  }

  /** The matched sentences of a re-telling: "here" and where it was said first. */
  function sentencePairs(annotation) {
    const pairs = (annotation.evidence?.sentences || []).slice(0, 2);
    if (!pairs.length) return null;
    const list = document.createElement("ul");
    list.className = "pairs";
    for (const pair of pairs) {
      const here = sentenceText(pair.sentence);
      const there = sentenceText(pair.twin);
      if (!here || !there) continue;
      const item = document.createElement("li");
      const first = document.createElement("div");
      first.textContent = `“${snippet(here, 70)}”`;
      const second = document.createElement("button");
      second.type = "button";
      second.className = "said";
      second.textContent = `${capitalised(placeName(state.byId.get(pair.twin.block)))}: “${snippet(there, 70)}”`;
      second.addEventListener("click", (event) => {
        event.preventDefault();
        event.stopPropagation();
        hideCard(true);
        reveal({ place: pair.twin, back: { block: annotation.block, start: annotation.start, end: annotation.end } });
      });
      item.append(first, second);
      list.append(item);
    }
    return list.childElementCount ? list : null;
  }

  function renderCard(marks, back = null) {
    const card = ensureCard();
    const sections = marks.slice(0, 3).map(({ annotation, kind }) => {
      const section = document.createElement("section");
      section.className = `kind-${kindName(kind)}`;
      const head = document.createElement("p");
      head.className = "kind";
      const dot = document.createElement("span");
      dot.className = "dot";
      dot.style.background = state.kinds[kind]?.colour || "#888888";
      const label = document.createElement("span");
      label.textContent = state.kinds[kind]?.label || kind.replace(/_/g, " ");
      head.append(dot, label);
      const message = document.createElement("p");
      message.className = "message";
      message.textContent = annotation.message || "";
      section.append(head, message);
      for (const place of annotation.related || []) {
        const text = relatedLabel(place);
        if (!text) continue;
        const go = document.createElement("button");
        go.type = "button";
        go.textContent = text;
        go.addEventListener("click", (event) => {
          event.preventDefault();
          event.stopPropagation();
          hideCard(true);
          reveal({ place, back: { block: annotation.block, start: annotation.start, end: annotation.end } });
        });
        section.append(go);
      }
      // Then the sentences it shares with its twin, each linked to where it was said.
      const pairs = kind === "duplicate" ? sentencePairs(annotation) : null;
      if (pairs) section.append(pairs);
      return section;
    });
    if (back) {
      // Where the reader came from: a link back, so a jump to a twin is never one way.
      const go = document.createElement("button");
      go.type = "button";
      go.className = "back";
      go.textContent = `← Back to ${placeName(state.byId.get(back.block))}`;
      go.addEventListener("click", (event) => {
        event.preventDefault();
        event.stopPropagation();
        hideCard(true);
        reveal({ place: back });
      });
      // First, so it is in view however long the card is.
      sections.unshift(go);
    }
    const brand = document.createElement("div");
    brand.className = "brand";
    brand.textContent = marks.length > 3 ? `newslint · ${marks.length - 3} more here` : "newslint";
    card.box.replaceChildren(...sections, brand);
  }

  function placeCard(rect) {
    const { box } = state.card;
    const avoid = state.card.avoid;
    // Measured where it has its full width, so moving it cannot re-wrap its text.
    box.style.left = "8px";
    box.style.top = "0px";
    box.hidden = false;
    const width = box.offsetWidth;
    const height = box.offsetHeight;
    // The viewport without its scroll bars (innerWidth counts them).
    const viewWidth = document.documentElement.clientWidth || innerWidth;
    const viewHeight = document.documentElement.clientHeight || innerHeight;
    let top = rect.bottom + 8;
    let left = Math.max(8, Math.min(rect.left, viewWidth - width - 8));
    if (top + height > viewHeight - 8) {
      if (rect.top - height - 8 >= 8) {
        top = rect.top - height - 8; // above the mark
      } else {
        // A tall card and no room above or below: beside the mark (a news column leaves
        // a margin), else as low as it fits, over the text but in view.
        top = Math.max(8, Math.min(rect.top, viewHeight - height - 8));
        if (rect.right + 8 + width <= viewWidth - 8) left = rect.right + 8;
        else if (rect.left - 8 - width >= 8) left = rect.left - 8 - width;
        else top = Math.max(8, viewHeight - height - 8);
      }
    }
    // Opened from the popup, which covers the window's top right corner: keep out of it,
    // to its left where there is room, else below it.
    if (avoid && left + width > viewWidth - avoid.width && top < avoid.height) {
      const leftOfIt = viewWidth - avoid.width - width - 8;
      if (leftOfIt >= 8) left = Math.min(left, leftOfIt);
      else top = Math.max(top, avoid.height + 8);
    }
    box.style.top = `${Math.max(8, top)}px`;
    box.style.left = `${left}px`;
  }

  function showCard(marks, rect, { pinned = false, back = null, avoid = null } = {}) {
    const card = ensureCard();
    clearTimeout(card.hideTimer);
    const same = !back && !card.shown?.back && card.shown && card.shown.marks.length === marks.length && card.shown.marks.every((m, i) => m === marks[i]);
    if (!same) renderCard(marks, back);
    card.shown = { marks, range: marks[0].range, pinned, back };
    card.avoid = avoid;
    placeCard(rect);
  }

  function scheduleHide() {
    const card = state.card;
    if (!card?.shown || card.shown.pinned) return;
    clearTimeout(card.hideTimer);
    card.hideTimer = setTimeout(() => hideCard(false), HIDE_DELAY_MS);
  }

  function hideCard(force) {
    const card = state.card;
    if (!card?.shown || (card.shown.pinned && !force)) return;
    clearTimeout(card.hideTimer);
    card.box.hidden = true;
    card.shown = null;
    card.avoid = null;
  }

  function followCard() {
    const shown = state.card?.shown;
    if (!shown) return;
    const rect = shown.range.getClientRects()[0];
    if (!rect || rect.bottom < 0 || rect.top > (document.documentElement.clientHeight || innerHeight)) hideCard(true);
    else placeCard(rect);
  }

  // --- events (only while marks are shown) ----------------------------------------------

  function onPointerMove(event) {
    // Coalesced to one hit test a frame; a pointer over our own card (the closed shadow
    // root retargets it to the host) keeps the card open.
    state.pointer = { x: event.clientX, y: event.clientY, target: event.target };
    if (state.frame) return;
    state.frame = requestAnimationFrame(() => {
      state.frame = 0;
      const { x, y, target } = state.pointer;
      if (state.card && target === state.card.host) return;
      const hits = marksAtPoint(x, y, target);
      if (hits.length) showCard(hits.map((hit) => hit.found), hits[0].rect);
      else scheduleHide();
    });
  }

  function onSelectionChange() {
    const hits = marksAtCaret();
    if (!hits.length) return;
    const rect = getSelection().getRangeAt(0).getClientRects()[0] || hits[0].range.getClientRects()[0];
    if (rect) showCard(hits, rect, { pinned: true });
  }

  function onKeyDown(event) {
    if (event.key === "Escape") hideCard(true);
  }

  function onPointerDown(event) {
    if (state.card?.shown && event.target !== state.card.host) hideCard(true);
  }

  function onViewportChange() {
    if (state.viewFrame) return;
    state.viewFrame = requestAnimationFrame(() => {
      state.viewFrame = 0;
      if (state.mode === "overlay") drawOverlay();
      followCard();
    });
  }

  let resizeObserver = null;

  function listen(on) {
    if (on === state.listening) return;
    state.listening = on;
    const method = on ? "addEventListener" : "removeEventListener";
    document[method]("pointermove", onPointerMove, { capture: true, passive: true });
    document[method]("pointerdown", onPointerDown, { capture: true, passive: true });
    document[method]("selectionchange", onSelectionChange);
    document[method]("keydown", onKeyDown, true);
    window[method]("scroll", onViewportChange, { capture: true, passive: true });
    window[method]("resize", onViewportChange, { passive: true });
    if (on && state.mode === "overlay" && typeof ResizeObserver === "function") {
      resizeObserver = new ResizeObserver(onViewportChange);
      resizeObserver.observe(document.documentElement);
    } else if (!on) {
      resizeObserver?.disconnect();
      resizeObserver = null;
    }
    if (!on) {
      cancelAnimationFrame(state.frame);
      cancelAnimationFrame(state.viewFrame);
      state.frame = 0;
      state.viewFrame = 0;
    }
  }

  // --- revealing a place -----------------------------------------------------------------

  function stopFlash() {
    if (!state.flash) return;
    clearTimeout(state.flash.timer);
    state.flash = null;
    if (hasHighlights) CSS.highlights.delete(`${PREFIX}flash`);
    if (state.mode === "overlay" && state.overlay) drawOverlay();
  }

  function flash(range) {
    stopFlash();
    state.flash = { range, timer: setTimeout(stopFlash, FLASH_MS) };
    if (state.mode === "highlights") {
      const highlight = new Highlight(range);
      highlight.priority = 10;
      CSS.highlights.set(`${PREFIX}flash`, highlight);
    } else {
      drawOverlay();
    }
  }

  function whenScrolled() {
    return new Promise((resolve) => {
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        removeEventListener("scrollend", finish, true);
        resolve();
      };
      addEventListener("scrollend", finish, { capture: true, once: true });
      setTimeout(finish, 700);
    });
  }

  /** Scroll to a finding (by annotation id) or a place, flash it, and show its card. */
  /** The marks (and mirrors) over a place, narrowest first: what its card shows. */
  function marksAt(place) {
    return [...state.marks, ...state.mirrors].filter((found) => found.block.id === place.block
      && found.annotation.start < (place.end ?? Infinity) && found.annotation.end > (place.start ?? 0))
      .sort((a, b) => span(a) - span(b));
  }

  async function reveal({ annotation: id, place, back = null, avoid = null }) {
    let range = null;
    let found = null;
    if (id) {
      found = state.marks.find((m) => m.annotation.id === id);
      range = found?.range || null;
    }
    if (!range && place) {
      const block = state.byId.get(place.block);
      range = block && rangeOf(block, place.start ?? 0, place.end ?? block.text.length);
    }
    if (!range) return { revealed: false };
    const rect = range.getBoundingClientRect();
    const inView = rect.top >= 0 && rect.bottom <= innerHeight;
    if (!inView) {
      const reduced = matchMedia("(prefers-reduced-motion: reduce)").matches;
      const anchor = range.startContainer.parentElement;
      const scrolled = whenScrolled();
      anchor.scrollIntoView({ block: "center", inline: "nearest", behavior: reduced ? "instant" : "smooth" });
      flash(range);
      await scrolled;
    } else {
      flash(range);
    }
    const shown = found ? [found] : back ? marksAt(place) : [];
    const first = range.getClientRects()[0];
    const region = avoid && Number(avoid.width) > 0 ? { width: Number(avoid.width) + 16, height: Number(avoid.height) + 16 } : null;
    if (first && (shown.length || back)) {
      showCard(shown.length ? shown : [{ annotation: { message: "" }, range, kind: "duplicate", block: state.byId.get(place.block) }], first, { pinned: true, back, avoid: region });
    }
    return { revealed: true, text: range.toString().slice(0, 200) };
  }

  // --- what the tests and the devtools can ask ---------------------------------------------

  function inspect() {
    const card = state.card;
    const shown = Boolean(card?.shown) && !card.box.hidden;
    return {
      mode: state.mode,
      blocks: state.blocks.length,
      marks: state.marks.map(({ annotation, range, kind }) => ({ id: annotation.id, kind, block: annotation.block, text: range.toString() })),
      mirrors: state.mirrors.map(({ annotation, range }) => ({ block: annotation.block, message: annotation.message, text: range.toString() })),
      labels: state.blocks.map((block) => block.label),
      card: shown ? {
        text: card.box.textContent,
        pinned: card.shown.pinned,
        width: card.box.getBoundingClientRect().width,
        top: card.box.getBoundingClientRect().top,
        bottom: card.box.getBoundingClientRect().bottom,
        left: card.box.getBoundingClientRect().left,
        right: card.box.getBoundingClientRect().right,
        viewWidth: document.documentElement.clientWidth,
        background: getComputedStyle(card.box).backgroundColor,
        buttons: [...card.box.querySelectorAll("button")].map((button) => {
          const rect = button.getBoundingClientRect();
          return { text: button.textContent, x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
        }),
      } : null,
      overlay: state.overlay ? [...state.overlay.layer.children].map((box) => ({ kind: box.className, ...box.getBoundingClientRect().toJSON() })) : [],
      flash: state.flash ? state.flash.range.toString() : null,
    };
  }

  globalThis.newslintPage = {
    async handle(message) {
      switch (message?.what) {
        case "ping":
          return { ready: true, marks: state.marks.length };
        case "collect":
          return collect();
        case "mark":
          return mark(message);
        case "reveal":
          return reveal(message);
        case "clear":
          return { cleared: clearMarks() };
        case "inspect":
          return inspect();
        default:
          return { error: `unknown message ${String(message?.what)}` };
      }
    },
  };
})();
