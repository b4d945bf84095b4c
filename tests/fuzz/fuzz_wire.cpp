// libFuzzer target: every sync wire parser must refuse hostile input with a message and never crash, and
// what it accepts must survive a round trip through its writer: written again, it parses, and writing
// that gives the same bytes.
//
// An input that starts with a selector byte (0x01..) is a JSON object for one part parser (an entry, a
// profile, a change payload...: Parts below); any other input is a whole body, tried with every body
// parser.
#include "sync/protocol/Wire.h"

#include <QJsonDocument>

#include <cstdint>
#include <cstdlib>
#include <iterator>

using namespace counterpart::sync;
using counterpart::Result;

namespace {

template<typename T>
void mustHaveMessage(const Result<T> &r)
{
    if (!r && r.error().message.isEmpty())
        std::abort();
}

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// A part: refused with a message, or written, parsed again and written to the same bytes.
template<typename Parse>
void part(const QJsonObject &o, Parse parse)
{
    auto parsed = parse(o);
    mustHaveMessage(parsed);
    if (!parsed)
        return;
    const QByteArray once = compact(parsed->toJsonObject());
    auto again = parse(parsed->toJsonObject());
    if (!again || compact(again->toJsonObject()) != once)
        std::abort();
}

// A body: the same, through toJson / fromJson.
template<typename T>
void body(const QByteArray &json)
{
    auto parsed = T::fromJson(json);
    mustHaveMessage(parsed);
    if (!parsed)
        return;
    const QByteArray once = parsed->toJson();
    auto again = T::fromJson(once);
    if (!again || again->toJson() != once)
        std::abort();
}

using PartFuzzer = void (*)(const QJsonObject &);
const PartFuzzer Parts[] = {
    [](const QJsonObject &o) { part(o, [](const QJsonObject &x) { return parseOp(x); }); },
    [](const QJsonObject &o) {
        part(o, [](const QJsonObject &x) { return WireEntry::fromJsonObject(x, {}, false); });
        part(o, [](const QJsonObject &x) { return WireEntry::fromJsonObject(x, {}, true); });
    },
    [](const QJsonObject &o) {
        part(o, [](const QJsonObject &x) { return MemberFields::fromJsonObject(x, {}, true); });
        part(o, [](const QJsonObject &x) { return MemberFields::fromJsonObject(x, {}, false); });
    },
    [](const QJsonObject &o) {
        part(o, [](const QJsonObject &x) { return MemberProfile::fromJsonObject(x, {}); });
    },
    [](const QJsonObject &o) {
        part(o, [](const QJsonObject &x) { return WirePurchase::fromJsonObject(x, {}); });
    },
    [](const QJsonObject &o) {
        part(o, [](const QJsonObject &x) { return WireRefund::fromJsonObject(x, {}); });
    },
    [](const QJsonObject &o) {
        part(o, [](const QJsonObject &x) { return WireTierChange::fromJsonObject(x, {}); });
    },
    [](const QJsonObject &o) {
        part(o, [](const QJsonObject &x) { return OpResult::fromJsonObject(x, {}); });
    },
    [](const QJsonObject &o) {
        part(o, [](const QJsonObject &x) { return StoreInfo::fromJsonObject(x, {}); });
    },
    [](const QJsonObject &o) { part(o, [](const QJsonObject &x) { return Change::fromJsonObject(x, {}); }); },
    [](const QJsonObject &o) {
        part(o, [](const QJsonObject &x) { return MemberChange::fromJsonObject(x, {}); });
    },
    [](const QJsonObject &o) {
        part(o, [](const QJsonObject &x) { return EntryChange::fromJsonObject(x, {}); });
    },
    [](const QJsonObject &o) {
        part(o, [](const QJsonObject &x) { return PurchaseChange::fromJsonObject(x, {}); });
    },
    [](const QJsonObject &o) {
        part(o, [](const QJsonObject &x) { return MergeChange::fromJsonObject(x, {}); });
    },
    [](const QJsonObject &o) {
        part(o, [](const QJsonObject &x) { return RulesChange::fromJsonObject(x, {}); });
    },
    [](const QJsonObject &o) {
        part(o, [](const QJsonObject &x) { return FlagChange::fromJsonObject(x, {}); });
    },
    [](const QJsonObject &o) {
        part(o, [](const QJsonObject &x) { return SnapshotLot::fromJsonObject(x, {}); });
    },
    [](const QJsonObject &o) {
        auto m = SnapshotMember::fromJsonObject(o, {});
        mustHaveMessage(m);
        if (!m)
            return;
        auto again = SnapshotMember::fromJsonObject(QJsonDocument::fromJson(m->toJson()).object(), {});
        if (!again || again->toJson() != m->toJson())
            std::abort();
    },
};

void pushRequest(const QByteArray &json)
{
    auto push = PushRequest::fromJson(json);
    mustHaveMessage(push);
    if (!push)
        return;
    for (const PushOp &op : std::as_const(push->ops)) {
        if (!isUuidText(op.opId))
            std::abort();
        auto parsed = parseOp(op.raw);
        mustHaveMessage(parsed);
        if (parsed && (op.envelopeError || parsed->opId != op.opId.toLower()))
            std::abort();
    }
    auto again = PushRequest::fromJson(push->toJson());
    if (!again || again->ops.size() != push->ops.size() || again->toJson() != push->toJson())
        std::abort();
}

void changesPage(const QByteArray &json)
{
    auto page = ChangesPage::fromJson(json);
    mustHaveMessage(page);
    if (!page)
        return;
    QList<StoredChange> stored;
    for (const Change &c : std::as_const(page->changes)) {
        switch (c.type) {
        case ChangeType::Member:
            mustHaveMessage(MemberChange::fromJsonObject(c.payload, {}));
            break;
        case ChangeType::Entry:
            mustHaveMessage(EntryChange::fromJsonObject(c.payload, {}));
            break;
        case ChangeType::Purchase:
            mustHaveMessage(PurchaseChange::fromJsonObject(c.payload, {}));
            break;
        case ChangeType::Merge:
            mustHaveMessage(MergeChange::fromJsonObject(c.payload, {}));
            break;
        case ChangeType::Rules:
            mustHaveMessage(RulesChange::fromJsonObject(c.payload, {}));
            break;
        case ChangeType::Flag:
            mustHaveMessage(FlagChange::fromJsonObject(c.payload, {}));
            break;
        }
        stored.append({c.seq, changeTypeName(c.type).toUtf8(), compact(c.payload)});
    }
    auto again = ChangesPage::fromJson(page->toJson());
    if (!again || again->toJson() != page->toJson())
        std::abort();
    // The server's spliced page reads as the same page.
    auto spliced = ChangesPage::fromJson(writeChangesPage(stored, page->next, page->more, page->serverTime));
    if (!spliced || spliced->toJson() != page->toJson())
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 0 && data[0] >= 1 && data[0] <= std::size(Parts)) {
        const QJsonDocument doc = QJsonDocument::fromJson(
            QByteArray::fromRawData(reinterpret_cast<const char *>(data) + 1, qsizetype(size) - 1));
        if (doc.isObject())
            Parts[data[0] - 1](doc.object());
        return 0;
    }
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    pushRequest(json);
    body<PushResponse>(json);
    changesPage(json);
    body<SnapshotPage>(json);
    body<EnrolRequest>(json);
    body<EnrolResponse>(json);
    body<ErrorBody>(json);
    body<HealthResponse>(json);
    return 0;
}
