#include "pos/HttpMessage.h"

namespace counterpart::pos {

QByteArray HttpRequest::header(const QByteArray &lowerName) const
{
    for (const auto &[name, value] : headers) {
        if (name == lowerName)
            return value;
    }
    return {};
}

QByteArray HttpRequest::path() const
{
    const qsizetype q = target.indexOf('?');
    return q < 0 ? target : target.left(q);
}

QByteArray HttpResponse::reason(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 415:
        return "Unsupported Media Type";
    case 422:
        return "Unprocessable Content";
    case 428:
        return "Precondition Required";
    case 431:
        return "Request Header Fields Too Large";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return status < 500 ? "Error" : "Internal Server Error";
    }
}

QByteArray HttpResponse::serialize(bool keepAlive) const
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason(status) + "\r\n";
    out += "Content-Type: " + contentType + "\r\n";
    out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    out += "Cache-Control: no-store\r\n";
    out += keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
    for (const auto &[name, value] : headers)
        out += name + ": " + value + "\r\n";
    out += "\r\n";
    out += body;
    return out;
}

HttpRequestParser::HttpRequestParser(Limits limits)
    : m_limits(limits)
{}

HttpRequestParser::State HttpRequestParser::fail(int status, const QString &text)
{
    m_failure = status;
    m_failureText = text;
    return State::Failed;
}

HttpRequestParser::State HttpRequestParser::feed(QByteArray &buffer)
{
    if (m_failure)
        return State::Failed;
    if (!m_haveHead) {
        // Blank lines before a request line are allowed (RFC 9112 2.2).
        while (buffer.startsWith("\r\n"))
            buffer.remove(0, 2);
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0) {
            if (buffer.size() > m_limits.maxHeaderBytes)
                return fail(431, QStringLiteral("the request's header is too large"));
            return State::NeedMore;
        }
        if (end > m_limits.maxHeaderBytes)
            return fail(431, QStringLiteral("the request's header is too large"));
        const State head = parseHead(buffer.left(end));
        buffer.remove(0, end + 4);
        if (head == State::Failed)
            return head;
        m_haveHead = true;
    }
    if (buffer.size() < m_bodyLength)
        return State::NeedMore;
    m_request.body = buffer.left(m_bodyLength);
    buffer.remove(0, m_bodyLength);
    return State::Done;
}

HttpRequestParser::State HttpRequestParser::parseHead(const QByteArray &head)
{
    QList<QByteArray> lines;
    for (qsizetype from = 0; from <= head.size();) {
        qsizetype end = head.indexOf("\r\n", from);
        if (end < 0)
            end = head.size();
        lines.append(head.mid(from, end - from));
        from = end + 2;
    }
    const QList<QByteArray> start = lines.first().split(' ');
    if (start.size() != 3 || start[0].isEmpty() || !start[1].startsWith('/'))
        return fail(400, QStringLiteral("the request line is malformed"));
    if (start[2] != "HTTP/1.1" && start[2] != "HTTP/1.0")
        return fail(505, QStringLiteral("only HTTP/1.1 is spoken here"));
    m_request.method = start[0];
    m_request.target = start[1];
    bool close = start[2] == "HTTP/1.0";
    bool haveLength = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray &line = lines[i];
        if (line.contains('\r') || line.contains('\n') || line.startsWith(' ') || line.startsWith('\t'))
            return fail(400, QStringLiteral("a header line is malformed"));
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return fail(400, QStringLiteral("a header line is malformed"));
        const QByteArray name = line.left(colon).toLower();
        if (name.contains(' ') || name.contains('\t'))
            return fail(400, QStringLiteral("a header name is malformed"));
        const QByteArray value = line.mid(colon + 1).trimmed();
        m_request.headers.append({name, value});
        if (name == "transfer-encoding")
            return fail(501, QStringLiteral("send the body with a Content-Length, not chunked"));
        if (name == "content-length") {
            bool ok = false;
            const qint64 length = value.toLongLong(&ok);
            if (!ok || length < 0 || (haveLength && length != m_bodyLength) || value.contains('+') ||
                value.contains('-'))
                return fail(400, QStringLiteral("the Content-Length is malformed"));
            if (length > m_limits.maxBodyBytes)
                return fail(413, QStringLiteral("the request's body is too large"));
            m_bodyLength = length;
            haveLength = true;
        }
        if (name == "connection") {
            const QByteArray v = value.toLower();
            if (v.contains("close"))
                close = true;
            else if (v.contains("keep-alive"))
                close = false;
        }
    }
    m_request.keepAlive = !close;
    return State::Done;
}

HttpRequest HttpRequestParser::take()
{
    HttpRequest out = std::move(m_request);
    m_request = {};
    m_haveHead = false;
    m_bodyLength = 0;
    return out;
}

} // namespace counterpart::pos
