/// The HTML elements Newsdesk treats specially; every other element is `.other`
/// and keeps its name on the node.
public enum HTMLTag: UInt8, Sendable {
    case other
    case html, head, body, title, meta, link, base, script, style, noscript, template
    case article, main, section, div, span, p, br, hr, wbr
    case h1, h2, h3, h4, h5, h6, hgroup
    case ul, ol, li, dl, dt, dd
    case blockquote, q, pre, code, kbd, samp, tt
    case table, thead, tbody, tfoot, tr, td, th, caption, colgroup, col
    case figure, figcaption, picture, source, img, video, audio, track
    case a, em, i, strong, b, u, s, strike, del, ins, mark, small, sub, sup, cite, abbr, time, font, center, address,
        big
    case nav, header, footer, aside, form, input, button, select, option, textarea, label, fieldset, legend
    case iframe, object, embed, canvas, svg, math, map, area, dialog, menu, details, summary, output, progress, meter

    private static let byName: [String: HTMLTag] = {
        let all: [HTMLTag] = [
            .html, .head, .body, .title, .meta, .link, .base, .script, .style, .noscript, .template,
            .article, .main, .section, .div, .span, .p, .br, .hr, .wbr,
            .h1, .h2, .h3, .h4, .h5, .h6, .hgroup,
            .ul, .ol, .li, .dl, .dt, .dd,
            .blockquote, .q, .pre, .code, .kbd, .samp, .tt,
            .table, .thead, .tbody, .tfoot, .tr, .td, .th, .caption, .colgroup, .col,
            .figure, .figcaption, .picture, .source, .img, .video, .audio, .track,
            .a, .em, .i, .strong, .b, .u, .s, .strike, .del, .ins, .mark, .small, .sub, .sup, .cite, .abbr, .time,
            .font, .center, .address, .big,
            .nav, .header, .footer, .aside, .form, .input, .button, .select, .option, .textarea, .label, .fieldset,
            .legend,
            .iframe, .object, .embed, .canvas, .svg, .math, .map, .area, .dialog, .menu, .details, .summary, .output,
            .progress, .meter,
        ]
        var table = [String: HTMLTag](minimumCapacity: all.count)
        for tag in all { table[String(describing: tag)] = tag }
        return table
    }()

    /// The tag for a lower-case element name.
    public init(name: String) {
        self = Self.byName[name] ?? .other
    }

    /// Elements that start a new block of text when rendered.
    public var isBlock: Bool {
        switch self {
        case .html, .body, .article, .main, .section, .div, .p, .hr, .h1, .h2, .h3, .h4, .h5, .h6, .hgroup,
            .ul, .ol, .li, .dl, .dt, .dd, .blockquote, .pre, .table, .thead, .tbody, .tfoot, .tr, .td, .th,
            .caption, .figure, .figcaption, .nav, .header, .footer, .aside, .form, .fieldset, .address, .center,
            .details, .summary, .dialog, .menu, .br, .title, .legend, .option, .iframe, .video, .audio, .canvas:
            return true
        default:
            return false
        }
    }

    public var isHeading: Bool {
        switch self {
        case .h1, .h2, .h3, .h4, .h5, .h6: return true
        default: return false
        }
    }

    /// Elements whose content is never reader-visible text.
    public var isNonContent: Bool {
        switch self {
        case .script, .style, .noscript, .template, .head, .title, .meta, .link, .base, .svg, .math, .canvas,
            .iframe, .object, .embed, .select, .option, .textarea, .input, .button, .map, .area, .source, .track,
            .dialog, .output, .progress, .meter:
            return true
        default:
            return false
        }
    }
}
