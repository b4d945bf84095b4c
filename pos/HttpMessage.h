#pragma once

// HTTP/1.1 requests as the POS link reads them, and the answers it writes. A small, strict parser for
// what a POS sends over a kept-alive connection: a request line, headers and a Content-Length body.
// Anything else (chunked bodies, oversized headers or bodies, a malformed line) ends in a plain error
// status, never in a half-read request.

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace counterpart::pos {

struct HttpRequest {
    QByteArray method;
    QByteArray target;                                // path and query, as sent
    QList<std::pair<QByteArray, QByteArray>> headers; // names in lower case
    QByteArray body;
    bool keepAlive = true;

    QByteArray header(const QByteArray &lowerName) const;
    QByteArray path() const; // target without its query
};

struct HttpResponse {
    int status = 200;
    QByteArray body; // JSON, unless contentType says otherwise
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray contentType = "application/json; charset=utf-8";

    QByteArray serialize(bool keepAlive) const;
    static QByteArray reason(int status);
};

class HttpRequestParser
{
public:
    struct Limits {
        int maxHeaderBytes = 16 * 1024;
        int maxBodyBytes = 256 * 1024;
    };
    enum class State { NeedMore, Done, Failed };

    explicit HttpRequestParser(Limits limits);
    HttpRequestParser()
        : HttpRequestParser(Limits{})
    {}

    // Reads what `buffer` holds, removing what it consumed. Done: take() the request; Failed: answer
    // failureStatus() and close.
    State feed(QByteArray &buffer);
    HttpRequest take();
    int failureStatus() const { return m_failure; }
    QString failureText() const { return m_failureText; }

private:
    State fail(int status, const QString &text);
    State parseHead(const QByteArray &head);

    Limits m_limits;
    HttpRequest m_request;
    bool m_haveHead = false;
    qint64 m_bodyLength = 0;
    int m_failure = 0;
    QString m_failureText;
};

} // namespace counterpart::pos
