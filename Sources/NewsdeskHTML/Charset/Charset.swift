import NewsdeskCore

/// Character-set labels as pages write them, resolved to the converter names
/// the system's iconv knows, following the WHATWG Encoding Standard's aliases
/// (ISO-8859-1 means windows-1252, GB2312 means GB18030, and so on).
package enum Charset {
    package static func resolve(_ label: String) -> String? {
        let key = label.trimmingSpaces().lowercased()
        if let name = aliases[key] { return name }
        if key.hasPrefix("iso-8859-") || key.hasPrefix("iso8859-") || key.hasPrefix("iso_8859-") {
            let number = key.split(separator: "-").last.map(String.init) ?? ""
            return number == "1" ? "WINDOWS-1252" : number == "9" ? "WINDOWS-1254" : "ISO-8859-\(number)"
        }
        if key.hasPrefix("windows-") || key.hasPrefix("cp125") {
            return "WINDOWS-" + key.filter(\.isNumber)
        }
        return nil
    }

    static func isUTF8(_ name: String) -> Bool { name == "UTF-8" }

    private static let aliases: [String: String] = [
        "utf-8": "UTF-8", "utf8": "UTF-8", "unicode-1-1-utf-8": "UTF-8", "x-unicode20utf8": "UTF-8",
        "utf-16": "UTF-16LE", "utf-16le": "UTF-16LE", "utf-16be": "UTF-16BE", "unicode": "UTF-16LE",
        "us-ascii": "WINDOWS-1252", "ascii": "WINDOWS-1252", "latin1": "WINDOWS-1252", "l1": "WINDOWS-1252",
        "iso8859-1": "WINDOWS-1252", "iso_8859-1": "WINDOWS-1252", "cp819": "WINDOWS-1252",
        "ibm819": "WINDOWS-1252", "x-cp1252": "WINDOWS-1252",
        "latin2": "ISO-8859-2", "l2": "ISO-8859-2", "latin5": "WINDOWS-1254",
        "cp1250": "WINDOWS-1250", "x-cp1250": "WINDOWS-1250", "cp1251": "WINDOWS-1251", "x-cp1251": "WINDOWS-1251",
        "koi8-r": "KOI8-R", "koi8": "KOI8-R", "koi": "KOI8-R", "cskoi8r": "KOI8-R", "koi8-u": "KOI8-U",
        "koi8-ru": "KOI8-U",
        "gb2312": "GB18030", "gbk": "GB18030", "gb18030": "GB18030", "x-gbk": "GB18030", "cp936": "GB18030",
        "chinese": "GB18030", "csgb2312": "GB18030", "euc-cn": "GB18030", "hz-gb-2312": "GB18030",
        "big5": "BIG5-HKSCS", "big5-hkscs": "BIG5-HKSCS", "x-x-big5": "BIG5-HKSCS", "cn-big5": "BIG5-HKSCS",
        "shift_jis": "CP932", "shift-jis": "CP932", "sjis": "CP932", "x-sjis": "CP932", "ms932": "CP932",
        "windows-31j": "CP932", "ms_kanji": "CP932", "csshiftjis": "CP932",
        "euc-jp": "EUC-JP", "x-euc-jp": "EUC-JP", "iso-2022-jp": "ISO-2022-JP",
        "euc-kr": "CP949", "ks_c_5601-1987": "CP949", "ks_c_5601-1989": "CP949", "ksc5601": "CP949",
        "korean": "CP949", "windows-949": "CP949", "cp949": "CP949", "csksc56011987": "CP949",
        "tis-620": "CP874", "windows-874": "CP874", "iso-8859-11": "CP874",
        "mac": "MACINTOSH", "macintosh": "MACINTOSH", "x-mac-roman": "MACINTOSH",
    ]
}
