#pragma once

// The POS link's routes (docs/pos-api.md): checks the POS's token and the request's form, calls
// PosLink, and answers JSON with the status a POS developer expects. Runs on the till's thread, on the
// till's own connection: the POS's sale is one more action of this till, never a second writer.

#include "core/Result.h"
#include "core/Uuid.h"
#include "pos/HttpMessage.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <functional>

namespace counterpart {
class Till;
class PosLink;
struct PosCaller;
} // namespace counterpart

namespace counterpart::pos {

// What the till's window is told after a call: the member the POS attached, and what happened.
struct PosEvent {
    QString pos;          // the POS's name
    Uuid member;          // null when no one member is concerned
    QString text;         // one line in the till's language
    bool changed = false; // points or a hold changed (the window refreshes the member)
    qint64 moved = 0;     // points the sale, capture or return moved (+ earned, − spent or taken back)
};

class PosApi
{
    Q_DECLARE_TR_FUNCTIONS(PosLink)

public:
    explicit PosApi(Till &till);
    // `allowedHosts`: the Host header values a request may carry (the address it was sent to), which keeps
    // a web page from reaching the API through a name it made point here.
    void setAllowedHosts(QList<QByteArray> hosts) { m_allowedHosts = std::move(hosts); }
    HttpResponse handle(const HttpRequest &request, PosEvent *event);

private:
    Result<HttpResponse> route(PosLink &link, const PosCaller &caller, const HttpRequest &request,
                               const QStringList &path, PosEvent *event);
    Result<HttpResponse> slip(const HttpRequest &request, const QString &member);
    Result<HttpResponse> identify(PosLink &link, const HttpRequest &request, PosEvent *event);
    Result<HttpResponse> quote(PosLink &link, const HttpRequest &request, PosEvent *event);
    Result<HttpResponse> sale(PosLink &link, const PosCaller &caller, const HttpRequest &request,
                              PosEvent *event);
    Result<HttpResponse> hold(PosLink &link, const PosCaller &caller, const HttpRequest &request,
                              PosEvent *event);
    Result<HttpResponse> capture(PosLink &link, const PosCaller &caller, const HttpRequest &request,
                                 const QString &holdId, PosEvent *event);
    Result<HttpResponse> refund(PosLink &link, const PosCaller &caller, const HttpRequest &request,
                                PosEvent *event);

    Till &m_till;
    QList<QByteArray> m_allowedHosts;
};

} // namespace counterpart::pos
