//! Tera's and Typst's English error texts in Chinese: known patterns translated, any other
//! kept only after a Chinese explanation, in parentheses.

use std::sync::LazyLock;

use regex::{Captures, Regex};

/// One English pattern and how to say it in Chinese; `$1`… are the pattern's groups.
struct Rule {
    pattern: Regex,
    chinese: fn(&Captures) -> String,
}

fn rule(pattern: &str, chinese: fn(&Captures) -> String) -> Rule {
    Rule { pattern: Regex::new(pattern).expect("a valid message pattern"), chinese }
}

/// Group `i` as matched, or "".
fn g<'a>(c: &'a Captures, i: usize) -> &'a str {
    c.get(i).map_or("", |m| m.as_str())
}

static TERA: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    vec![
        rule(r"^Found (.+?) but (?:expected|was expecting) (.+?)\.?$", |c| format!("此处是{}，应为{}", words(g(c, 1)), words(g(c, 2)))),
        rule(r"^Unexpected end of input$", |_| "模板意外结束：缺少结束标记（如 `{% endif %}`、`{% endfor %}`、`%}` 或 `}}`）".into()),
        rule(r"^Variable `(.+?)` is not defined\.?(?: Available variables: (.*))?$", |c| {
            with_list(format!("变量 `{}` 未定义", g(c, 1)), "可用变量", g(c, 2))
        }),
        rule(r"^Field `(.+?)` is not defined\.?(?: Available fields: (.*))?$", |c| {
            with_list(format!("字段 `{}` 不存在", g(c, 1)), "可用字段", g(c, 2))
        }),
        rule(r"^Variable `(.+?)` exists but its value is undefined$", |c| format!("变量 `{}` 没有值", g(c, 1))),
        rule(r"^Unknown (filter|test|function|component|template) `(.+?)`$", |c| format!("未知的{} `{}`", kind(g(c, 1)), g(c, 2))),
        rule(r"^Template '(.+?)' not found$", |c| format!("找不到模板 `{}`", g(c, 1))),
        rule(r"^Unknown tag$", |_| "未知的标签".into()),
        rule(r"^Unexpected character$", |_| "无法识别的字符".into()),
        // A template's own `throw(message="…")`: already written for the reader, in Chinese.
        rule(r"^(.*\p{Han}.*)$", |c| g(c, 1).to_string()),
        rule(r"^String opened with `(.)` is missing its closing `.`$", |c| format!("以 `{0}` 开始的字符串缺少结尾的 `{0}`", g(c, 1))),
        rule(r"^Closing comment tag `(.+?)` not found$", |c| format!("注释缺少结尾的 `{}`", g(c, 1))),
        rule(r"^Closing tag '(.+?)' doesn't match opening tag '(.+?)'$", |c| {
            format!("结束标签 `{}` 与开始标签 `{}` 不配对", g(c, 1), g(c, 2))
        }),
        rule(r"^Unclosed component '(.+?)'$", |c| format!("组件 `{}` 缺少结束标签", g(c, 1))),
        rule(r"^Tried to render a variable that is undefined$", |_| "要输出的值未定义".into()),
        rule(r"^Tried to escape an undefined value$", |_| "要输出的值未定义".into()),
        rule(r"^Iteration not possible on type `(.+?)`$", |c| format!("类型为 `{}` 的值不能用于循环", g(c, 1))),
        rule(r"^Cannot compare `(.+?)` with `(.+?)`$", |c| format!("`{}` 与 `{}` 不能比较", g(c, 1), g(c, 2))),
        rule(r"^Math operations can only be done on numbers, found `(.+?)`$", |c| format!("只有数字能做算术运算，这里是 `{}`", g(c, 1))),
        rule(r"^Invalid type for the value, expected `(.+?)` but got `(.+?)`$", |c| {
            format!("值的类型应为 `{}`，实际为 `{}`", g(c, 1), g(c, 2))
        }),
        rule(r"^Circular include detected for template '(.+?)'.*$", |c| format!("模板 `{}` 循环包含了自身", g(c, 1))),
        rule(r"^Component `(.+?)` is defined in both `(.+?)` and `(.+?)`$", |c| {
            format!("组件 `{}` 在 `{}` 和 `{}` 中重复定义", g(c, 1), g(c, 2), g(c, 3))
        }),
        rule(r"^Filter `(.+?)` is not registered$", |c| format!("过滤器 `{}` 未注册", g(c, 1))),
        rule(r"^Missing keyword argument `(.+?)`$", |c| format!("缺少参数 `{}`", g(c, 1))),
        rule(r"^Cannot divide by 0$", |_| "除数为 0".into()),
        rule(r"^(\S+) is a reserved keyword of Tera, it cannot be assigned to\.$", |c| format!("`{}` 是 Tera 的保留字，不能赋值", g(c, 1))),
        rule(r"^(\S+) can only be used in a for loop$", |c| format!("`{}` 只能在 for 循环中使用", g(c, 1))),
        rule(r"^Invalid syntax for `set`.*$", |_| "`set` 的写法应为 `{% set 名称 = 表达式 %}`".into()),
    ]
});

static TYPST: LazyLock<Vec<Rule>> = LazyLock::new(|| {
    vec![
        rule(r"^unclosed delimiter$", |_| "括号未闭合（缺少与之对应的 `)`、`]` 或 `}`）".into()),
        rule(r"^unclosed string$", |_| "字符串缺少结尾的引号".into()),
        rule(r"^unclosed raw text$", |_| "原样文本缺少结尾的反引号".into()),
        rule(r"^unclosed (.+)$", |c| format!("{}未闭合", words(g(c, 1)))),
        rule(r"^unknown variable: (.+)$", |c| format!("未定义的变量 `{}`", g(c, 1))),
        rule(r"^unexpected argument: (.+)$", |c| format!("多余的参数 `{}`", g(c, 1))),
        rule(r"^unexpected argument$", |_| "多余的参数".into()),
        rule(r"^missing argument: (.+)$", |c| format!("缺少参数 `{}`", g(c, 1))),
        rule(r"^expected (.+?), found (.+)$", |c| format!("此处应为{}，实际为{}", words(g(c, 1)), words(g(c, 2)))),
        rule(r"^expected (.+)$", |c| format!("此处应为{}", words(g(c, 1)))),
        rule(r"^unexpected (.+)$", |c| format!("此处不应出现{}", words(g(c, 1)))),
        rule(r"^panicked with: (.+)$", |c| format!("模板主动中止（panic）：{}", g(c, 1))),
        rule(r"^panicked$", |_| "模板主动中止（panic）".into()),
        rule(r"^assertion failed(?:: (.+))?$", |c| {
            format!("断言失败{}", if g(c, 1).is_empty() { String::new() } else { format!("：{}", g(c, 1)) })
        }),
        rule(r"^cannot (add|subtract|multiply|divide|join) (.+?) (?:and|from|with|by) (.+)$", |c| {
            format!("不能对{}和{}做{}", words(g(c, 2)), words(g(c, 3)), operation(g(c, 1)))
        }),
        rule(r"^array index out of bounds \(index: (-?\d+), len: (\d+)\).*$", |c| {
            format!("数组下标越界（下标 {}，长度 {}）", g(c, 1), g(c, 2))
        }),
        rule(r"^dictionary does not contain key (.+)$", |c| format!("字典中没有键 {}", g(c, 1))),
        rule(r"^(.+?) does not (?:contain|have) field (.+)$", |c| format!("{}没有字段 {}", words(g(c, 1)), g(c, 2))),
        rule(r"^type (.+?) has no method `(.+?)`$", |c| format!("类型 `{}` 没有方法 `{}`", g(c, 1), g(c, 2))),
        rule(r"^the character `(.+?)` is not valid in code$", |c| format!("代码中不能出现字符 `{}`", g(c, 1))),
        rule(r"^(?:file not found|access denied|failed to load file).*$", |_| "排版时不读取磁盘上的文件：模板只能使用生成的内容".into()),
        rule(r"^maximum (?:function call|show rule) depth exceeded$", |_| "调用层数过多（可能是无限递归）".into()),
        rule(r"^unknown font family: (.+)$", |c| format!("没有字体“{}”", g(c, 1))),
        rule(r"^only element functions can be used in set rules$", |_| "set 规则只能用于元素函数".into()),
        rule(r"^cannot divide by zero$", |_| "除数为 0".into()),
    ]
});

/// Words that occur in both tools' messages, for their token and type names.
const VOCABULARY: &[(&str, &str)] = &[
    ("end of input", "模板结尾"),
    ("raw content", "原样文本"),
    ("content", "内容"),
    ("identifier", "标识符"),
    ("attribute name", "属性名"),
    ("ident", "标识符"),
    ("string", "字符串"),
    ("str", "字符串"),
    ("integer", "整数"),
    ("int", "整数"),
    ("float", "浮点数"),
    ("bool", "布尔值"),
    ("boolean", "布尔值"),
    ("comment", "注释"),
    ("expression", "表达式"),
    ("length", "长度"),
    ("relative length", "相对长度"),
    ("relative", "相对长度"),
    ("fraction", "比例长度"),
    ("ratio", "百分比"),
    ("angle", "角度"),
    ("none", "空值 `none`"),
    ("auto", "`auto`"),
    ("array", "数组"),
    ("dictionary", "字典"),
    ("function", "函数"),
    ("color", "颜色"),
    ("alignment", "对齐方式"),
    ("label", "标签"),
    ("datetime", "日期"),
    ("closing paren", "右括号 `)`"),
    ("closing bracket", "右方括号 `]`"),
    ("closing brace", "右花括号 `}`"),
    ("opening paren", "左括号 `(`"),
    ("comma", "逗号"),
    ("colon", "冒号"),
    ("semicolon", "分号"),
    ("line break", "换行"),
    ("semicolon or line break", "分号或换行"),
    ("argument", "参数"),
    ("arguments", "参数"),
    ("pattern", "模式"),
    ("block", "代码块"),
    ("body", "主体"),
    ("markup", "标记文本"),
    ("block comment", "块注释"),
    ("label literal", "标签"),
    ("keyword", "关键字"),
    ("hash", "`#`"),
    ("equals sign", "等号 `=`"),
    ("plus", "`+`"),
    ("minus", "`-`"),
    ("number", "数字"),
    ("value", "值"),
    ("type", "类型"),
    ("module", "模块"),
    ("symbol", "符号"),
    ("element", "元素"),
    ("selector", "选择器"),
];

/// A Tera message in Chinese.
pub(crate) fn tera(message: &str) -> String {
    translate(&TERA, message).unwrap_or_else(|| format!("模板引擎报告了无法识别的错误（原文：{message}）"))
}

/// A Typst message in Chinese.
pub(crate) fn typst(message: &str) -> String {
    translate(&TYPST, message).unwrap_or_else(|| format!("排版引擎报告了无法识别的错误（原文：{message}）"))
}

/// A message without its parenthesised detail, to label the underlined text briefly.
pub(crate) fn short(message: &str) -> &str {
    message.split_once('（').map_or(message, |(head, _)| head)
}

fn translate(rules: &[Rule], message: &str) -> Option<String> {
    let message = message.trim();
    rules.iter().find_map(|r| r.pattern.captures(message).map(|c| (r.chinese)(&c)))
}

/// A list such as "integer, float or `(`" in Chinese; an unknown English word stays as code.
fn words(list: &str) -> String {
    let list = list.trim().trim_end_matches('.').trim_start_matches("one of: ");
    if let Some(known) = word(list) {
        return known;
    }
    let items: Vec<&str> =
        list.split(", ").flat_map(|i| i.split(" or ")).map(|i| i.trim().trim_start_matches("or ")).filter(|i| !i.is_empty()).collect();
    let translated: Vec<String> = items.iter().map(|i| word(i).unwrap_or_else(|| format!("`{}`", i.trim_matches('`')))).collect();
    match translated.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{}或{last}", rest.join("、")),
        _ => translated.concat(),
    }
}

/// One token or type name: code in backticks kept, an article dropped, a known word translated.
fn word(item: &str) -> Option<String> {
    let item = item.trim();
    if item.starts_with('`') && item.ends_with('`') && item.len() > 1 {
        return Some(item.to_string());
    }
    let bare = item.strip_prefix("an ").or_else(|| item.strip_prefix("a ")).or_else(|| item.strip_prefix("the ")).unwrap_or(item);
    if let Some((_, zh)) = VOCABULARY.iter().find(|(en, _)| *en == bare) {
        return Some(zh.to_string());
    }
    // A delimiter given bare (`=`, `(`) or a quoted literal (`"big"`) is code.
    (!bare.chars().any(|c| c.is_ascii_alphabetic()) || bare.starts_with('"')).then(|| format!("`{bare}`"))
}

fn kind(english: &str) -> &'static str {
    match english {
        "filter" => "过滤器",
        "test" => "测试",
        "function" => "函数",
        "component" => "组件",
        _ => "模板",
    }
}

fn operation(english: &str) -> &'static str {
    match english {
        "add" => "加法",
        "subtract" => "减法",
        "multiply" => "乘法",
        "divide" => "除法",
        _ => "连接",
    }
}

/// A list given by the tool ("doc, loop"), in parentheses after the Chinese message.
fn with_list(message: String, label: &str, list: &str) -> String {
    if list.trim().is_empty() { message } else { format!("{message}（{label}：{}）", list.trim()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_messages_become_chinese() {
        assert_eq!(tera("Variable `nope` is not defined. Available variables: doc"), "变量 `nope` 未定义（可用变量：doc）");
        assert_eq!(tera("Found `%}` but expected identifier."), "此处是`%}`，应为标识符");
        assert_eq!(typst("expected length, found string"), "此处应为长度，实际为字符串");
        assert_eq!(typst("expected comma or closing paren"), "此处应为逗号或右括号 `)`");
        assert_eq!(typst("cannot add integer and string"), "不能对整数和字符串做加法");
        assert_eq!(typst("unknown variable: foo"), "未定义的变量 `foo`");
        assert_eq!(tera("本模板样式没有“x”章节的模板"), "本模板样式没有“x”章节的模板", "a template's throw() is shown as written");
    }

    #[test]
    fn unknown_messages_keep_the_original_after_chinese() {
        assert_eq!(typst("something new happened"), "排版引擎报告了无法识别的错误（原文：something new happened）");
        assert_eq!(typst("expected fancy thing"), "此处应为`fancy thing`");
    }
}
