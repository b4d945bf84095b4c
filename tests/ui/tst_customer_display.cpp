// The customer display on a real second screen, and what happens when its cable comes out and goes back
// in: the offscreen platform started with two screens and changed at run time, as a monitor would be.

#include "app/Language.h"
#include "tests/ui/UiTestSupport.h"
#include "ui/CustomerDisplay.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScreen>
#include <qpa/qplatformnativeinterface.h>

using namespace counterpart;
using namespace counterpart::test;

namespace {

QJsonObject screen(const char *name, int x, int width, int height)
{
    return QJsonObject{{QStringLiteral("name"), QLatin1String(name)},
                       {QStringLiteral("x"), x},
                       {QStringLiteral("y"), 0},
                       {QStringLiteral("width"), width},
                       {QStringLiteral("height"), height},
                       {QStringLiteral("logicalDpi"), 96},
                       {QStringLiteral("logicalBaseDpi"), 96},
                       {QStringLiteral("dpr"), 1}};
}

QJsonObject screens(bool withCustomerScreen)
{
    QJsonArray list{screen("Cashier", 0, 1024, 768)};
    if (withCustomerScreen)
        list.append(screen("Customer", 1024, 800, 480));
    return QJsonObject{{QStringLiteral("screens"), list}};
}

// Plugs the customer's screen in or out (the offscreen platform's own configuration call).
bool plug(bool withCustomerScreen)
{
    using SetConfiguration = void (*)(const QJsonObject &, QPlatformNativeInterface *);
    QPlatformNativeInterface *native = QGuiApplication::platformNativeInterface();
    void *function = native ? native->nativeResourceForIntegration("setConfiguration") : nullptr;
    if (!function)
        return false;
    reinterpret_cast<SetConfiguration>(function)(screens(withCustomerScreen), native);
    return true;
}

QScreen *screenNamed(const QString &name)
{
    const auto all = QGuiApplication::screens();
    for (QScreen *s : all) {
        if (s->name() == name)
            return s;
    }
    return nullptr;
}

} // namespace

class TestCustomerDisplay : public QObject
{
    Q_OBJECT

    UiTill m_ui;

private slots:
    void initTestCase()
    {
        setUpUiTests(m_ui.dir);
        QVERIFY(i18n::install(QStringLiteral("en")));
        QCOMPARE(QGuiApplication::screens().size(), 2);
    }

    void goesToTheSecondScreenAndHidesWhenUnplugged()
    {
        QVERIFY(m_ui.open(QStringLiteral("display.db")));
        m_ui.window->setScreen(screenNamed(QStringLiteral("Cashier")));
        m_ui.signInByKeyboard(QStringLiteral("c1"), QStringLiteral("1357"));
        QTRY_VERIFY(m_ui.window->isSignedIn());

        m_ui.window->startCustomerDisplay(false);
        CustomerDisplay *display = m_ui.window->customerDisplay();
        QTRY_VERIFY(display->isVisible());
        QCOMPARE(display->screen()->name(), QStringLiteral("Customer"));
        QTRY_COMPARE(display->geometry(), screenNamed(QStringLiteral("Customer"))->geometry());

        // The cable comes out: the display is hidden, never moved over the cashier's screen; the till
        // carries on.
        QVERIFY(plug(false));
        QTRY_COMPARE(QGuiApplication::screens().size(), 1);
        QTRY_VERIFY(!display->isVisible());
        const Member m = m_ui.join(QStringLiteral("138 0013 8000"), QStringLiteral("Li Na"));
        m_ui.window->openMember(m.id);
        QTRY_VERIFY(display->isShowingMember()); // kept up to date while hidden
        QVERIFY(!display->isVisible());

        // Back in: the display comes back on its own screen, with the member.
        QVERIFY(plug(true));
        QTRY_COMPARE(QGuiApplication::screens().size(), 2);
        QTRY_VERIFY(display->isVisible());
        QCOMPARE(display->screen()->name(), QStringLiteral("Customer"));
        QVERIFY(display->isShowingMember());
        QCOMPARE(m_ui.window->screen()->name(), QStringLiteral("Cashier"));
        m_ui.window.reset();
    }
};

int main(int argc, char **argv)
{
    // Two screens from the start: the platform reads them from a file when the application is made.
    counterpart::test::TempDir dir;
    const QString config = dir.file(QStringLiteral("screens.json"));
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(screens(true)).toJson()) < 0)
        return 1;
    file.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + config.toUtf8());
    QApplication app(argc, argv);
    TestCustomerDisplay test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_customer_display.moc"
