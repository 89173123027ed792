// The scenario editor: CodeMirror 6 with YAML, line numbers, search, undo history, bracket
// matching and folding (basicSetup), lint markers for the engine's diagnostics, highlighted
// ranges for what belongs to a selected claim or device, and completion (CEL and YAML).
//
// Bundled by esbuild (a trunk pre-build hook, see Trunk.toml) into one classic script that sets
// `window.DraEditor`; the Yew app calls it through wasm-bindgen (src/platform/editor_js.rs). Positions are
// UTF-16 offsets into the document, as CodeMirror counts them.

import { EditorView, basicSetup } from "codemirror";
import { EditorState, Compartment, StateEffect, StateField, RangeSetBuilder } from "@codemirror/state";
import { Decoration, keymap, hoverTooltip } from "@codemirror/view";
import { autocompletion } from "@codemirror/autocomplete";
import { yaml } from "@codemirror/lang-yaml";
import { setDiagnostics, lintGutter } from "@codemirror/lint";
import { foldEffect, unfoldAll, foldService, syntaxHighlighting, HighlightStyle } from "@codemirror/language";
import { oneDarkHighlightStyle } from "@codemirror/theme-one-dark";
import { indentWithTab } from "@codemirror/commands";
import { StyleModule } from "style-mod";

// CodeMirror writes its styles (style-mod's modules) into a <style> element, which the page's
// Content-Security-Policy forbids (no 'unsafe-inline' styles). They go into one constructed style
// sheet instead (document.adoptedStyleSheets, which the policy does not restrict), in a cascade
// layer: assets/style.css still overrides them, as it did the <style> element at the head's start.
// Modules keep style-mod's order: later modules of one mount take precedence, and a mount that
// orders known modules differently moves them.
const codemirrorSheet = new CSSStyleSheet();
const mountedModules = [];
StyleModule.mount = (root, modules) => {
  let changed = false;
  let at = 0;
  for (const mod of Array.isArray(modules) ? modules : [modules]) {
    let index = mountedModules.indexOf(mod);
    if (index > -1 && index < at) {
      mountedModules.splice(index, 1);
      at--;
      index = -1;
    }
    if (index === -1) {
      mountedModules.splice(at++, 0, mod);
      changed = true;
    } else {
      at = index + 1;
    }
  }
  if (changed) codemirrorSheet.replaceSync(`@layer codemirror {\n${mountedModules.map((m) => m.getRules()).join("\n")}\n}`);
  if (!root.adoptedStyleSheets.includes(codemirrorSheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, codemirrorSheet];
};

const setHighlights = StateEffect.define();
const highlightMark = Decoration.mark({ class: "cm-dra-highlight" });
const highlightLine = Decoration.line({ class: "cm-dra-highlight-line" });

const highlightField = StateField.define({
  create: () => Decoration.none,
  update(value, tr) {
    value = value.map(tr.changes);
    for (const e of tr.effects) {
      if (e.is(setHighlights)) {
        const len = tr.state.doc.length;
        const ranges = e.value
          .map(([from, to]) => [Math.max(0, Math.min(from, len)), Math.max(0, Math.min(to, len))])
          .filter(([from, to]) => to > from)
          .sort((a, b) => a[0] - b[0]);
        const builder = new RangeSetBuilder();
        // Line decorations first at each line start, then the marks, all in document order.
        const decos = [];
        for (const [from, to] of ranges) {
          let line = tr.state.doc.lineAt(from);
          while (true) {
            decos.push([line.from, line.from, highlightLine]);
            if (line.to >= to || line.number >= tr.state.doc.lines) break;
            line = tr.state.doc.line(line.number + 1);
          }
          decos.push([from, to, highlightMark]);
        }
        decos.sort((a, b) => a[0] - b[0] || (a[2] === highlightLine ? -1 : 1));
        let lastLine = -1;
        for (const [from, to, deco] of decos) {
          if (deco === highlightLine) {
            if (from === lastLine) continue;
            lastLine = from;
          }
          builder.add(from, to, deco);
        }
        value = builder.finish();
      }
    }
    return value;
  },
  provide: (f) => EditorView.decorations.from(f),
});

// YAML documents (separated by `---` lines) fold as a whole, from the end of their first line.
const documentFolds = foldService.of((state, lineStart, lineEnd) => {
  const line = state.doc.lineAt(lineStart);
  if (line.number > 1 && !/^---\s*$/.test(state.doc.line(line.number - 1).text)) return null;
  if (/^---\s*$/.test(line.text)) return null;
  let n = line.number + 1;
  let end = line.to;
  while (n <= state.doc.lines && !/^---\s*$/.test(state.doc.line(n).text)) {
    end = state.doc.line(n).to;
    n++;
  }
  return end > lineEnd ? { from: lineEnd, to: end } : null;
});

// Typing over a selection that spans lines: Chrome's own editing would merge the lines and keep
// their look (the active line's background) in `style` attributes, which the Content-Security-
// Policy refuses, one console error per line. The editor makes that change itself instead, through
// the input handlers (closeBrackets wraps a selection in brackets) as CodeMirror would.
const typeOverLines = EditorView.domEventHandlers({
  beforeinput(event, view) {
    const { state } = view;
    const range = state.selection.main;
    if (event.inputType !== "insertText" || event.isComposing || typeof event.data !== "string") return false;
    if (range.empty || state.doc.lineAt(range.from).number === state.doc.lineAt(range.to).number) return false;
    event.preventDefault();
    const insert = () => state.replaceSelection(event.data);
    if (!state.facet(EditorView.inputHandler).some((handle) => handle(view, range.from, range.to, event.data, insert))) {
      view.dispatch(insert(), { userEvent: "input.type", scrollIntoView: true });
    }
    return true;
  },
});

// One Dark's colours, but its comment grey (#7d8799) is under 4.5:1 on the editor's dark panel
// (axe's color-contrast, 4.41 on the active line): comments take the page's muted grey instead.
const darkHighlightStyle = HighlightStyle.define(
  oneDarkHighlightStyle.specs.map((spec) => (spec.color === "#7d8799" ? { ...spec, color: "#8d96a0" } : spec)),
);

function themeFor(dark) {
  return dark
    ? [
        // A fainter active line than basicSetup's, so that every token on it keeps its contrast
        // (axe's color-contrast).
        EditorView.theme({ ".cm-activeLine": { backgroundColor: "#ffffff08" } }, { dark: true }),
        syntaxHighlighting(darkHighlightStyle),
      ]
    : EditorView.theme({}, { dark: false });
}

// Completion and hover inside CEL expressions (the lines of an `expression:` key and the block
// below it), from what the page sends after each run (src/worker/completions.rs): the scenario's
// attribute and capacity names with their types, `device.` fields, and the environment's
// functions and macros. Hover over an attribute or capacity name shows its value on each device.

/** The text of the CEL expression the position is in, from its start, or null. */
function expressionBefore(state, pos) {
  const line = state.doc.lineAt(pos);
  const at = line.text.indexOf("expression:");
  if (at >= 0 && pos - line.from > at + "expression:".length) return line.text.slice(at + 11, pos - line.from);
  // A line of a block below `expression: |`.
  const indent = line.text.length - line.text.trimStart().length;
  for (let n = line.number - 1; n >= 1 && n > line.number - 50; n--) {
    const above = state.doc.line(n).text;
    if (above.trim() === "") continue;
    const aboveIndent = above.length - above.trimStart().length;
    if (aboveIndent >= indent) continue;
    return /expression:\s*[|>]/.test(above) ? line.text.slice(0, pos - line.from) : null;
  }
  return null;
}

function celCompletions(data) {
  return (context) => {
    const before = expressionBefore(context.state, context.pos);
    if (before === null) return null;
    const d = data();
    let m;
    if ((m = /(attributes|capacity)\["([\w.-]+)"\]\.(\w*)$/.exec(before))) {
      const kind = m[1] === "attributes" ? "attribute" : "capacity";
      return {
        from: context.pos - m[3].length,
        options: d.names.filter((n) => n.kind === kind && n.domain === m[2]).map((n) => ({
          label: n.name, type: "property", detail: n.type_name, info: values(n),
        })),
        validFor: /^\w*$/,
      };
    }
    if ((m = /(attributes|capacity)\["([\w.-]*)$/.exec(before))) {
      const kind = m[1] === "attributes" ? "attribute" : "capacity";
      const domains = [...new Set(d.names.filter((n) => n.kind === kind).map((n) => n.domain))];
      return { from: context.pos - m[2].length, options: domains.map((x) => ({ label: x, type: "namespace" })), validFor: /^[\w.-]*$/ };
    }
    if ((m = /\bdevice\.(\w*)$/.exec(before))) {
      return {
        from: context.pos - m[1].length,
        options: d.fields.map(([name, type]) => ({ label: name, type: "property", detail: type })),
        validFor: /^\w*$/,
      };
    }
    if ((m = /\.(\w*)$/.exec(before))) {
      return {
        from: context.pos - m[1].length,
        options: d.functions.filter(([, , member]) => member).map(([name, signature]) => ({ label: name, type: "method", detail: signature })),
        validFor: /^\w*$/,
      };
    }
    m = /(\w*)$/.exec(before);
    if (!m[1] && !context.explicit) return null;
    return {
      from: context.pos - m[1].length,
      options: [{ label: "device", type: "variable", detail: "the device" }].concat(
        d.functions.filter(([, , member]) => !member).map(([name, signature]) => ({ label: name, type: "function", detail: signature })),
      ),
      validFor: /^\w*$/,
    };
  };
}

// Completion in YAML (outside CEL expressions): the engine, in the worker, reads the cursor's
// place and offers the fields of the document's kind there, closed values, and the scenario's
// names where a field refers to an object (crates/engine/src/completion/, asked through
// src/worker/agent.rs). The page answers through `completer(text, pos, resolve)` with JSON
// (src/scenario/completion_json.rs).
function yamlCompletions(completer) {
  return (context) => {
    const complete = completer();
    if (!complete || expressionBefore(context.state, context.pos) !== null) return null;
    const line = context.state.doc.lineAt(context.pos);
    const before = line.text.slice(0, context.pos - line.from);
    // Typing a word, after `key: ` or `- `, or asked for (Ctrl+Space); never in a comment.
    if (/(^|\s)#/.test(before) || (!context.explicit && !/([\w.\/-]|: |^\s*- )$/.test(before))) return null;
    return new Promise((resolve) => complete(context.state.doc.toString(), context.pos, resolve)).then((json) => {
      const found = JSON.parse(json);
      if (!found || context.aborted) return null;
      return { from: found.from, to: found.to, options: found.options, validFor: /^[\w.\/-]*$/ };
    });
  };
}

/** An attribute's or capacity's value on each device, one a line. */
function values(n) {
  return `${n.kind} ${n.domain}/${n.name}: ${n.type_name}\n` + n.values.map(([device, value]) => `${device}: ${value}`).join("\n");
}

function celHover(data) {
  return hoverTooltip((view, pos) => {
    const line = view.state.doc.lineAt(pos);
    let start = pos - line.from;
    let end = start;
    const word = /[\w.\/-]/;
    while (start > 0 && word.test(line.text[start - 1])) start--;
    while (end < line.text.length && word.test(line.text[end])) end++;
    if (start === end) return null;
    const text = line.text.slice(start, end).replace(/:$/, "");
    const found = data().names.filter((n) => n.name === text || `${n.domain}/${n.name}` === text);
    if (found.length === 0) return null;
    return {
      pos: line.from + start,
      end: line.from + end,
      above: true,
      create() {
        const dom = document.createElement("div");
        dom.className = "cm-attribute-values";
        dom.setAttribute("data-testid", "attribute-hover");
        dom.textContent = found.map(values).join("\n\n");
        return { dom };
      },
    };
  });
}

// A document longer than this many characters (a cluster dump of megabytes) reports its
// changes once typing pauses for LARGE_DOCUMENT_PAUSE_MS, not at every keystroke: handing the
// whole text to the page costs some 20 ms per megabyte, and its run takes seconds anyway.
// Shorter documents report every change at once (the editor loop of a frame).
const LARGE_DOCUMENT_CHARS = 512 * 1024;
const LARGE_DOCUMENT_PAUSE_MS = 400;

function create(parent, doc, readOnly, dark, onChange, onCursor) {
  let completions = { names: [], fields: [], functions: [] };
  const completionData = () => completions;
  let yamlCompleter = null;
  const theme = new Compartment();
  const editable = new Compartment();
  let silent = false;
  let pending = null;
  const reportChange = (text) => {
    clearTimeout(pending);
    pending = null;
    if (text.length <= LARGE_DOCUMENT_CHARS) onChange(text.toString());
    else pending = setTimeout(() => onChange(view.state.doc.toString()), LARGE_DOCUMENT_PAUSE_MS);
  };
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc,
      extensions: [
        basicSetup,
        keymap.of([indentWithTab]),
        yaml(),
        lintGutter(),
        highlightField,
        documentFolds,
        typeOverLines,
        autocompletion({ override: [celCompletions(completionData), yamlCompletions(() => yamlCompleter)] }),
        celHover(completionData),
        theme.of(themeFor(dark)),
        editable.of([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]),
        // tabindex: the scrolled content is reachable by keyboard also when read-only (axe's
        // scrollable-region-focusable).
        EditorView.contentAttributes.of({ "aria-label": "Scenario (Kubernetes YAML)", tabindex: "0" }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged && !silent) reportChange(u.state.doc);
          if (u.selectionSet && (u.docChanged || u.transactions.some((t) => t.isUserEvent("select")))) {
            onCursor(u.state.selection.main.head);
          }
        }),
      ],
    }),
  });
  const handle = {
    view,
    getDoc: () => view.state.doc.toString(),
    // The names to complete in CEL expressions (src/worker/completions.rs), as JSON.
    setCompletions(json) {
      completions = JSON.parse(json);
    },
    // What to call for completion in YAML: (text, pos, resolve), resolve(JSON or "null").
    setYamlCompleter(completer) {
      yamlCompleter = completer;
    },
    // Replaces the whole document as one undoable change, without reporting it as an edit.
    setDoc(text) {
      clearTimeout(pending);
      pending = null;
      if (text === view.state.doc.toString()) return;
      silent = true;
      try {
        view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
      } finally {
        silent = false;
      }
    },
    // Replaces the whole document as a user edit (undoable, reported through onChange).
    replaceDoc(text) {
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: text },
        userEvent: "input.replace",
      });
    },
    // diagnostics: JSON array of {from, to, severity: "error"|"warning", message}.
    setDiagnostics(json) {
      const len = view.state.doc.length;
      const list = JSON.parse(json).map((d) => {
        const from = Math.max(0, Math.min(d.from, len));
        const to = Math.max(from, Math.min(d.to, len));
        return { from, to, severity: d.severity, message: d.message, source: "dra" };
      });
      view.dispatch(setDiagnostics(view.state, list));
    },
    // ranges: JSON array of [from, to].
    setHighlights(json) {
      view.dispatch({ effects: setHighlights.of(JSON.parse(json)) });
    },
    revealRange(from, to) {
      const len = view.state.doc.length;
      const a = Math.max(0, Math.min(from, len));
      view.dispatch({ effects: EditorView.scrollIntoView(a, { y: "center" }) });
    },
    goTo(from, to) {
      const len = view.state.doc.length;
      const a = Math.max(0, Math.min(from, len));
      const b = Math.max(a, Math.min(to, len));
      view.dispatch({ selection: { anchor: a, head: b }, scrollIntoView: true });
      view.focus();
    },
    // ranges: JSON array of [from, to] to fold (everything else is unfolded).
    setFolds(json) {
      unfoldAll(view);
      const len = view.state.doc.length;
      const effects = JSON.parse(json)
        .map(([from, to]) => [Math.max(0, Math.min(from, len)), Math.max(0, Math.min(to, len))])
        .filter(([from, to]) => to > from)
        .map(([from, to]) => foldEffect.of({ from, to }));
      if (effects.length) view.dispatch({ effects });
    },
    setDark(dark) {
      view.dispatch({ effects: theme.reconfigure(themeFor(dark)) });
    },
    setReadOnly(readOnly) {
      view.dispatch({
        effects: editable.reconfigure([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]),
      });
    },
    focus: () => view.focus(),
    destroy() {
      if (window.DraEditor.active === handle) window.DraEditor.active = null;
      view.destroy();
    },
  };
  // The live editor, for tools and tests: DraEditor.active.getDoc().
  window.DraEditor.active = handle;
  return handle;
}

function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    return navigator.clipboard.writeText(text).then(() => true, () => fallbackCopy(text));
  }
  return Promise.resolve(fallbackCopy(text));
}

function fallbackCopy(text) {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand("copy");
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

function download(filename, text, type = "application/yaml") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

window.DraEditor = { create, copyText, download, active: null };
