//! The fixed option lists of the domain (申报表 ticks, vehicle categories): checked on input and printed in order.

/// The 项目属性 options of the 申报表, in printed order.
pub const NATURES: [&str; 2] = ["一次性项目", "经常性项目"];
/// The 资金用途 options.
pub const CATEGORIES: [&str; 6] = ["事业/专业类", "基本建设工程类", "信息化建设工程类", "政策补贴类", "政府购买类", "其他"];
/// The 资金来源 options.
pub const FUNDINGS: [&str; 6] = ["中央财政", "省级财政", "市级财政", "县(区)财政", "镇(街道)财政", "自筹资金"];

/// The eight vehicle categories in their fixed order (domain-spec §6.3).
pub const VEHICLE_CATEGORIES: [&str; 8] = [
    "部级领导干部用车",
    "主要领导干部用车",
    "机要通信用车",
    "应急保障用车",
    "执法执勤用车",
    "特种专业技术用车",
    "离退休干部用车",
    "其他用车",
];
