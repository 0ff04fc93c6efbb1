//! The hand-written start of the reference: the Tera 2 points a template author meets.

/// Printed before the generated tables; each claim was checked against tera 2.4.
pub const HEADER: &str = r#"# Template API reference

Generated from the view-model types (`src/render/*.rs`, `src/evaluation/view.rs`,
`src/booklet/mod.rs`) by `gen-budget style api`; do not edit by hand. Examples are the first
non-empty value in the shipped units' views (普陀城运 2024 区级, 安亭城运 2024 镇级, 普陀城运
2023 自评, 松江城运 2022 申报表), built as drafts so that marks and findings have values too;
`—` means the shipped units have no value there.

## Writing templates (Tera 2)

Templates are Tera 2 files (`*.typ`) that print Typst source. A main template receives one
context variable, `doc`; every other name is one you bind with `{% for x in … %}` or
`{% set x = … %}`.

- **Paths.** `{{ doc.unit_name }}`, `{{ doc.tables.t1.income.general }}`; lists index from 0:
  `{{ r.values[0] }}`, `{{ doc.projects[loop.index0] }}`. In this reference `[]` means "each
  element": `doc.projects[].heading` is `p.heading` inside `{% for p in doc.projects %}`.
  Printing a field that does not exist is an error (C1, at the template line), never an empty
  text; in `{% if … %}` a missing field is simply false.
- **Loops.** `{% for p in doc.projects %}…{% else %}(printed when the list is empty){% endfor %}`;
  inside, `loop.index` (from 1), `loop.index0`, `loop.first`, `loop.last`, and `{% break %}`,
  `{% continue %}`. A `{% set %}` inside a loop is gone after the loop (`{% set_global %}`
  outlives it).
- **Conditions.** `{% if doc.draft %}`, `{% if r.level1_span > 0 %}`, `{% elif … %}`,
  `and`, `or`, `not`. An empty text, an empty list, 0 and an absent optional value are false.
  Fields listed as "one of" compare with their printed value: `{% if c.direction == "equal" %}`.
- **Tests take named arguments:** `{% if x is starting_with(pat="（") %}`,
  `ending_with(pat=…)`, `containing(pat=…)`, `divisible_by(divisor=2)`; without arguments:
  `defined`, `undefined`, `none`, `string`, `number`, `odd`, `even`. Negate with `is not`.
- **Filters take named arguments too:** `{{ f.parts | length }}`, `{{ xs | join(sep="、") }}`,
  `{{ x | default(value="-") }}`, `{{ s | truncate(length=20) }}`,
  `{{ s | replace(from="（", to="(") }}`; gen-budget adds `typst_str` (below).
- **Includes.** `{% include "budget/marks.typ" %}` finds the name in the set's order: the
  user's `templates/styles/<set>/`, the built-in set, the user's `templates/`, the built-in
  base — a set overrides a piece by holding a file of the same relative name. The included
  template sees the includer's variables, loop and `set` ones too (not `loop` itself): a section
  passes its marks with `{% set marks = p.marks %}{% include "budget/marks.typ" %}`.
- **Components, not macros.** Tera 2 has no `{% macro %}` or `{% import %}`. A component is
  defined once in any template (the base keeps them in `budget/phrases.typ`) and can be called
  from every template without importing it:
  `{% component change(c, more, same) %}…{% endcomponent change %}`, called as
  `{{ <change c={n.general.change} more={py ~ "年预算执行数"} same="上年"/> }}` — a quoted
  attribute is text, `{…}` is an expression. With a body: `{% <card t="…"> %}…{% </card> %}`,
  printed inside with `{{ body }}`. A component sees only its arguments (and `body`), not `doc`.
- **Whitespace.** A `-` at a delimiter removes the whitespace, newlines included, on that side:
  `{%- set f = p.form -%}`, `{{- x -}}`, `{#- comment -#}`. Typst reads a blank line as a
  paragraph break, so trim around tags that must not leave one.
- **Everything is already escaped for Typst.** What `{{ … }}` prints is escaped for Typst markup
  (a backslash before every ASCII punctuation character, a newline as `#linebreak()`), so typed
  text never runs as Typst code: print values in body text or inside content brackets,
  `[{{ f.name }}]`. Where Typst expects a string expression (`#set document(title: …)`, a
  function argument), write `{{ doc.title | typst_str }}`: it prints a quoted Typst string
  literal `"…"` (only `\\ \" \n \r \t` escapes) and is not escaped again. Never apply `safe` to
  data.
- **Templates print figures, they do not make them.** Every amount, share, count and
  增加/减少/持平 word is derived and formatted (四舍五入 from 元, in the set's `style.toml`
  formats) before a template runs, and arrives as text. Print it as it is: a sum, rounding or
  reformatting done in a template could disagree with the tables.
"#;
