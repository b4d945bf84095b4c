#include "pos/PosApi.h"

#include "app/PosLink.h"
#include "app/ReceiptSlip.h"
#include "app/Till.h"
#include "core/Money.h"
#include "pos/PosJson.h"
#include "print/EscPos.h"
#include "print/SlipPainter.h"

#include <QGuiApplication>
#include <QJsonObject>
#include <QUrl>
#include <QUrlQuery>

namespace counterpart::pos {

namespace {

int statusFor(ErrorCode code)
{
    switch (code) {
    case ErrorCode::InvalidInput:
        return 400;
    case ErrorCode::NotFound:
        return 404;
    case ErrorCode::Conflict:
        return 409;
    case ErrorCode::Refused:
        return 422;
    case ErrorCode::PermissionDenied:
        return 403;
    case ErrorCode::SecondFactorNeeded:
        return 428;
    case ErrorCode::Storage:
        return 503;
    default:
        return 500;
    }
}

HttpResponse errorResponse(const Error &error, int status = 0)
{
    return HttpResponse{status ? status : statusFor(error.code), toBody(encodeError(error)), {}};
}

HttpResponse plainError(int status, ErrorCode code, const QString &message)
{
    return errorResponse(makeError(code, message), status);
}

HttpResponse ok(const QJsonObject &body, int status = 200)
{
    return HttpResponse{status, toBody(body), {}};
}

HttpResponse answer(const Result<PosAnswer> &result, int createdStatus)
{
    if (!result)
        return errorResponse(result.error());
    HttpResponse r{result->replayed ? 200 : createdStatus, result->body, {}};
    if (result->replayed)
        r.headers.append(std::pair<QByteArray, QByteArray>("X-Replayed", "true"));
    return r;
}

QByteArray bearer(const HttpRequest &request)
{
    const QByteArray h = request.header("authorization");
    return h.startsWith("Bearer ") ? h.mid(7).trimmed() : QByteArray();
}

// "/v1/pos/holds/ID/capture" -> {"holds", "ID", "capture"}
QStringList segments(const HttpRequest &request)
{
    const QByteArray path = request.path();
    if (!path.startsWith("/v1/pos/"))
        return {};
    QStringList out;
    for (const QByteArray &part : path.mid(8).split('/'))
        out.append(QUrl::fromPercentEncoding(part));
    return out;
}

} // namespace

PosApi::PosApi(Till &till)
    : m_till(till)
{}

HttpResponse PosApi::handle(const HttpRequest &request, PosEvent *event)
{
    if (!m_allowedHosts.isEmpty() && !m_allowedHosts.contains(request.header("host")))
        return plainError(421, ErrorCode::PermissionDenied, tr("This request was sent to another address."));
    const QStringList path = segments(request);
    if (path.isEmpty() || path.first().isEmpty())
        return plainError(404, ErrorCode::NotFound,
                          tr("No such address in the POS link; see docs/pos-api.md."));
    const bool isPost = request.method == "POST";
    if (!isPost && request.method != "GET")
        return plainError(405, ErrorCode::InvalidInput, tr("Use GET or POST."));
    if (isPost && !request.header("content-type").startsWith("application/json") && !request.body.isEmpty())
        return plainError(415, ErrorCode::InvalidInput, tr("Send the body as application/json."));

    PosLink link(m_till);
    auto caller = link.authenticate(bearer(request));
    if (!caller) {
        HttpResponse r = errorResponse(caller.error(), 401);
        r.headers.append(
            std::pair<QByteArray, QByteArray>("WWW-Authenticate", "Bearer realm=\"counterpart-pos\""));
        return r;
    }
    event->pos = caller->name;

    if (path.first() == QLatin1String("status") && path.size() == 1 && !isPost) {
        const Operator &on = m_till.currentOperator();
        return ok({{QStringLiteral("store"), m_till.config().storeId},
                   {QStringLiteral("terminal"), m_till.config().terminalId},
                   {QStringLiteral("online"), !m_till.isOffline()},
                   {QStringLiteral("cashier"), on.role == Role::System ? QString() : on.id},
                   {QStringLiteral("currency"), m_till.config().currency},
                   {QStringLiteral("pos"), caller->name}});
    }
    Result<HttpResponse> r = route(link, caller.value(), request, path, event);
    return r ? r.value() : errorResponse(r.error());
}

Result<HttpResponse> PosApi::route(PosLink &link, const PosCaller &caller, const HttpRequest &request,
                                   const QStringList &path, PosEvent *event)
{
    const QString &name = path.first();
    const bool isPost = request.method == "POST";
    if (name == QLatin1String("identify") && path.size() == 1 && isPost)
        return identify(link, request, event);
    if (name == QLatin1String("quote") && path.size() == 1 && isPost)
        return quote(link, request, event);
    if (name == QLatin1String("sales") && path.size() == 1 && isPost)
        return sale(link, caller, request, event);
    if (name == QLatin1String("holds") && path.size() == 1 && isPost)
        return hold(link, caller, request, event);
    if (name == QLatin1String("holds") && path.size() == 3 && isPost && path[2] == QLatin1String("capture"))
        return capture(link, caller, request, path[1], event);
    if (name == QLatin1String("holds") && path.size() == 3 && isPost && path[2] == QLatin1String("release")) {
        CP_TRY_ASSIGN(const QString cashier, decodeRelease(request.body));
        CP_TRY(link.release(caller, path[1], cashier));
        event->text = tr("%1 released held points.").arg(caller.name);
        return ok({{QStringLiteral("hold"), path[1]}, {QStringLiteral("state"), QStringLiteral("released")}});
    }
    if (name == QLatin1String("receipts") && path.size() == 1 && isPost) {
        CP_TRY_ASSIGN(const PosSale sale, decodeSale(request.body, false));
        CP_TRY_ASSIGN(const QString qr, link.receiptQr(sale));
        return ok({{QStringLiteral("receipt"), sale.receipt}, {QStringLiteral("qr"), qr}}, 201);
    }
    if (name == QLatin1String("refunds") && path.size() == 1 && isPost)
        return refund(link, caller, request, event);
    if (name == QLatin1String("members") && path.size() == 3 && !isPost && path[2] == QLatin1String("slip"))
        return slip(request, path[1]);
    if (name == QLatin1String("members") && path.size() == 3 && !isPost &&
        path[2] == QLatin1String("summary")) {
        CP_TRY_ASSIGN(const MemberCard card, link.summary(path[1]));
        return ok(encodeSummary(card, m_till.rules(), m_till.config().region));
    }
    return makeError(ErrorCode::NotFound, tr("No such address in the POS link; see docs/pos-api.md."));
}

// The member's slip as the printer takes it: ESC/POS (58 or 80 mm) or PDF.
Result<HttpResponse> PosApi::slip(const HttpRequest &request, const QString &member)
{
    const QUrlQuery query(QString::fromUtf8(request.target.mid(request.target.indexOf('?') + 1)));
    const QString format = query.queryItemValue(QStringLiteral("format"));
    CP_TRY_ASSIGN(const Slip slip,
                  ReceiptSlip::make(m_till, member, query.queryItemValue(QStringLiteral("receipt"))));
    if (format == QLatin1String("pdf")) {
        if (!qobject_cast<QGuiApplication *>(QCoreApplication::instance()))
            return makeError(ErrorCode::Refused,
                             tr("PDF slips are made where the till's window runs; ask for "
                                "format=escpos here."));
        return HttpResponse{200, print::slipPdf(slip), {}, "application/pdf"};
    }
    if (!format.isEmpty() && format != QLatin1String("escpos"))
        return makeError(ErrorCode::InvalidInput, tr("A slip's format is escpos or pdf."));
    print::EscPosOptions options;
    options.columns = query.queryItemValue(QStringLiteral("paper")) == QLatin1String("80") ? 48 : 32;
    CP_TRY_ASSIGN(const QByteArray bytes, print::escPos(slip, options));
    return HttpResponse{200, bytes, {}, "application/octet-stream"};
}

Result<HttpResponse> PosApi::identify(PosLink &link, const HttpRequest &request, PosEvent *event)
{
    CP_TRY_ASSIGN(const QString query, decodeIdentify(request.body));
    CP_TRY_ASSIGN(const LookupResult found, link.identify(query));
    if (found.kind == LookupResult::Kind::Member) {
        event->member = found.members.first().id;
        event->text = tr("%1 attached a member.").arg(event->pos);
    }
    return ok(encodeLookup(found, m_till.config().region));
}

Result<HttpResponse> PosApi::quote(PosLink &link, const HttpRequest &request, PosEvent *event)
{
    CP_TRY_ASSIGN(const PosSale sale, decodeSale(request.body));
    CP_TRY_ASSIGN(const PosQuote q, link.quote(sale));
    event->member = q.earn.member.id;
    event->text = tr("%1 quoted receipt %2: %n point(s) to earn.", nullptr, int(q.earn.totalPoints))
                      .arg(event->pos, sale.receipt);
    return ok(encodeQuote(q, m_till.config().region));
}

Result<HttpResponse> PosApi::sale(PosLink &link, const PosCaller &caller, const HttpRequest &request,
                                  PosEvent *event)
{
    CP_TRY_ASSIGN(const PosSale sale, decodeSale(request.body));
    const QString region = m_till.config().region;
    Uuid member;
    qint64 points = 0;
    auto done = link.commit(caller, sale, fingerprint(request.body), [&](const EarnOutcome &out) {
        member = out.member.id;
        points = out.totalPoints;
        QJsonObject body = encodeEarn(out, region);
        body.insert(QStringLiteral("receipt"), sale.receipt);
        return toBody(body);
    });
    if (done && !done->replayed) {
        event->member = member;
        event->changed = true;
        event->moved = points;
        event->text =
            tr("%1: receipt %2 earned %n point(s).", nullptr, int(points)).arg(caller.name, sale.receipt);
    }
    return answer(done, 201);
}

Result<HttpResponse> PosApi::hold(PosLink &link, const PosCaller &caller, const HttpRequest &request,
                                  PosEvent *event)
{
    CP_TRY_ASSIGN(const PosHoldRequest r, decodeHold(request.body));
    CP_TRY_ASSIGN(const PosHold h, link.hold(caller, r));
    event->member = h.member.id;
    event->changed = true;
    event->text =
        tr("%1 holds %n point(s) for receipt %2.", nullptr, int(h.points)).arg(caller.name, r.receipt);
    return ok(encodeHold(h, m_till.config().region), 201);
}

Result<HttpResponse> PosApi::capture(PosLink &link, const PosCaller &caller, const HttpRequest &request,
                                     const QString &holdId, PosEvent *event)
{
    CP_TRY_ASSIGN(const CaptureRequest r, decodeCapture(request.body));
    const QString region = m_till.config().region;
    Uuid member;
    qint64 points = 0;
    auto done = link.capture(caller, holdId, r.phoneDigits, r.cashier, fingerprint(request.body),
                             [&](const RedeemOutcome &out) {
                                 member = out.member.id;
                                 points = out.points;
                                 QJsonObject body = encodeRedeem(out, region);
                                 body.insert(QStringLiteral("hold"), holdId);
                                 return toBody(body);
                             });
    if (done && !done->replayed) {
        event->member = member;
        event->changed = true;
        event->moved = -points;
        event->text = tr("%1: %n point(s) spent on the sale.", nullptr, int(points)).arg(caller.name);
    }
    return answer(done, 200);
}

Result<HttpResponse> PosApi::refund(PosLink &link, const PosCaller &caller, const HttpRequest &request,
                                    PosEvent *event)
{
    CP_TRY_ASSIGN(const PosRefund r, decodeRefund(request.body));
    const QString region = m_till.config().region;
    Uuid member;
    qint64 reversed = 0;
    qint64 restored = 0;
    auto done = link.refund(caller, r, fingerprint(request.body), [&](const RefundOutcome &out) {
        member = out.member.id;
        reversed = out.pointsReversed;
        restored = out.pointsRestored;
        QJsonObject body = encodeRefund(out, region);
        body.insert(QStringLiteral("receipt"), r.receipt);
        body.insert(QStringLiteral("refundId"), r.refundId);
        return toBody(body);
    });
    if (done && !done->replayed) {
        event->member = member;
        event->changed = true;
        event->moved = restored - reversed;
        event->text =
            tr("%1: return %2 took back %n point(s).", nullptr, int(reversed)).arg(caller.name, r.refundId);
    }
    return answer(done, 201);
}

} // namespace counterpart::pos
