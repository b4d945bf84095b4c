#pragma once

#include <QString>

#include <optional>
#include <utility>
#include <variant>

namespace counterpart {

// What kind of failure an operation met. The UI and CLI pick their wording and exit codes from this;
// the message itself is already written for a person at the counter.
enum class ErrorCode {
    InvalidInput,     // the request itself is wrong (malformed phone, negative amount, unknown field)
    NotFound,         // no such member, purchase, reward
    Conflict,         // already exists / already done (phone taken, receipt already earned on)
    Refused,          // valid request that the rules refuse (balance too low, offline cap, window passed)
    PermissionDenied, // role or PIN does not allow it
    // Valid, but it needs something only the member knows first: spending by card asks for four digits
    // of their phone (Till::phoneDigitsQuestion). The message says what to ask; the screen asks it.
    SecondFactorNeeded,
    Storage,  // the database failed (disk full, locked, corrupt)
    Crypto,   // encryption or key trouble
    Internal, // a bug: an invariant did not hold
};

struct Error {
    ErrorCode code = ErrorCode::Internal;
    QString message; // plain words for a cashier or technician; never contains a database error verbatim
    QString detail;  // technical detail for logs (never personal data), may be empty
};

inline Error makeError(ErrorCode code, QString message, QString detail = {})
{
    return Error{code, std::move(message), std::move(detail)};
}

// Value or Error, in the spirit of std::expected (C++23) which GCC 12 in C++20 mode does not offer.
template<typename T>
class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    {}
    Result(Error error)
        : m_data(std::in_place_index<1>, std::move(error))
    {}

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    T &value() & { return std::get<0>(m_data); }
    const T &value() const & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

    const Error &error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

// Success with no value, or an Error.
class [[nodiscard]] Status
{
public:
    Status() = default;
    Status(Error error)
        : m_error(std::move(error))
    {}
    static Status success() { return {}; }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return *m_error; }

private:
    std::optional<Error> m_error;
};

} // namespace counterpart

// Returns the error of a Status or Result expression from the enclosing function.
#define CP_TRY(expr)                                                                                         \
    do {                                                                                                     \
        if (auto cpTryResult_ = (expr); !cpTryResult_.ok())                                                  \
            return cpTryResult_.error();                                                                     \
    } while (false)

// Takes the value of a Result expression into `decl`, or returns its error from the enclosing function:
//     CP_TRY_ASSIGN(auto st, db.prepare(sql));   // st is a Statement (move-only types are fine)
//     CP_TRY_ASSIGN(member, members.byId(id));   // assigns to an existing variable
// It expands to more than one statement: use it at block level, never as the body of an unbraced if.
// `decl` must not contain a top-level comma (write `auto`); `expr` may.
#define CP_TRY_ASSIGN(decl, ...)                                                                             \
    CP_TRY_ASSIGN_IMPL_(CP_TRY_CONCAT_(cpTryAssign_, __COUNTER__), decl, __VA_ARGS__)
#define CP_TRY_ASSIGN_IMPL_(tmp, decl, ...)                                                                  \
    auto tmp = (__VA_ARGS__);                                                                                \
    if (!tmp.ok())                                                                                           \
        return tmp.error();                                                                                  \
    decl = std::move(tmp).value()
#define CP_TRY_CONCAT_(a, b) CP_TRY_CONCAT_IMPL_(a, b)
#define CP_TRY_CONCAT_IMPL_(a, b) a##b
