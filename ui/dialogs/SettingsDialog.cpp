#include "ui/dialogs/SettingsDialog.h"

#include "core/hub/HubClient.h"
#include "core/store/StoreEditor.h"
#include "core/store/TokenStore.h"
#include "ui/dialogs/StatusLine.h"
#include "ui/tray/Autostart.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFormLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStyle>
#include <QVBoxLayout>

namespace hftm {

namespace {

QSpinBox *makeSpinBox(QWidget *parent, int min, int max, const QString &suffix, const QString &name)
{
    auto *box = new QSpinBox(parent);
    box->setRange(min, max);
    box->setSuffix(suffix);
    box->setAccessibleName(name);
    return box;
}

} // namespace

SettingsDialog::SettingsDialog(TokenStore *store, QWidget *parent)
    : QDialog(parent)
    , m_store(store)
{
    setWindowTitle(tr("Settings"));
    setModal(true);

    m_endpoint = new QLineEdit(this);
    m_endpoint->setObjectName(QStringLiteral("endpointEdit"));
    // What an empty field means: HF_ENDPOINT when set, else the Hub.
    m_endpoint->setPlaceholderText(
        tr("Default: %1").arg(endpointFromEnvironment(m_store->options().environment)));
    m_endpoint->setAccessibleName(tr("Hub endpoint"));
    m_endpoint->setAccessibleDescription(
        tr("Leave empty to use HF_ENDPOINT or %1.").arg(HubClient::defaultEndpoint()));
    m_endpointStatus = new StatusLine(this);
    m_endpointStatus->setObjectName(QStringLiteral("endpointStatus"));
    m_expiryDays = makeSpinBox(this, 0, 365, tr(" days"), tr("Expiry warning, in days"));
    m_expiryDays->setSpecialValueText(tr("Never warn"));
    m_clipboardSeconds = makeSpinBox(this, 5, 600, tr(" s"), tr("Clipboard timeout, in seconds"));
    m_revalidateHours = makeSpinBox(this, 1, 168, tr(" h"), tr("Revalidation interval, in hours"));
    m_expiryDays->setObjectName(QStringLiteral("expiryDays"));
    m_clipboardSeconds->setObjectName(QStringLiteral("clipboardSeconds"));
    m_revalidateHours->setObjectName(QStringLiteral("revalidateHours"));
    m_openAtLogin = new QCheckBox(tr("Open at &login, in the system tray"), this);
    m_openAtLogin->setObjectName(QStringLiteral("openAtLogin"));
    m_openAtLogin->setAccessibleName(tr("Open at login"));
    // Say where the entry goes: the desktop's own startup settings list (and may delete) it there.
    const QString entryHint =
        tr("Writes the autostart entry %1.").arg(QDir::toNativeSeparators(Autostart::entryPath()));
    m_openAtLogin->setAccessibleDescription(entryHint);
    auto *openAtLoginHint = new QLabel(entryHint, this);
    openAtLoginHint->setObjectName(QStringLiteral("openAtLoginHint"));
    openAtLoginHint->setWordWrap(true);
    openAtLoginHint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    openAtLoginHint->setForegroundRole(QPalette::PlaceholderText); // secondary text in any theme

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    const auto addRow = [&](const QString &text, QWidget *field) {
        auto *label = new QLabel(text, this);
        label->setBuddy(field);
        form->addRow(label, field);
    };
    addRow(tr("Hub e&ndpoint:"), m_endpoint);
    form->addRow(QString(), m_endpointStatus);
    addRow(tr("Warn before &expiry:"), m_expiryDays);
    addRow(tr("Clear the &clipboard after:"), m_clipboardSeconds);
    addRow(tr("Recheck tokens e&very:"), m_revalidateHours);
    form->addRow(QString(), m_openAtLogin);
    form->addRow(QString(), openAtLoginHint);

    m_saveStatus = new StatusLine(this);
    m_saveStatus->setObjectName(QStringLiteral("saveStatus"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_okButton = m_buttons->button(QDialogButtonBox::Ok);
    m_okButton->setObjectName(QStringLiteral("okButton"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildStorageGroup());
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(m_saveStatus);
    layout->addWidget(m_buttons);

    connect(m_endpoint, &QLineEdit::textChanged, this, &SettingsDialog::validateEndpoint);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    load(m_store->settings());
}

QWidget *SettingsDialog::buildStorageGroup()
{
    auto *group = new QGroupBox(tr("Where secrets are kept"), this);
    auto *layout = new QVBoxLayout(group);
    m_modes = new QButtonGroup(this);
    struct Choice {
        StorageMode mode;
        QString title;
        QString explanation;
    };
    const Choice choices[] = {
        {StorageMode::KeychainAndFiles, tr("&Keychain and huggingface_hub files (recommended)"),
         tr("Secrets are in the system keychain and in stored_tokens, so `hf auth` keeps working.")},
        {StorageMode::KeychainOnly, tr("Keychain &only"),
         tr("Secrets leave stored_tokens; only the active token stays in the token file for Python tools.")},
        {StorageMode::FilesOnly, tr("huggingface_hub &files only (no keychain)"),
         tr("Secrets are kept in plain text files readable by your user account. Choose this only "
            "where there is no keychain.")},
    };
    for (const Choice &choice : choices) {
        auto *radio = new QRadioButton(choice.title, this);
        radio->setAccessibleName(QString(choice.title).remove(QLatin1Char('&')));
        radio->setAccessibleDescription(choice.explanation);
        auto *explanation = new QLabel(choice.explanation, this);
        explanation->setWordWrap(true);
        // Indent under the radio's text so the pairing is visible.
        explanation->setContentsMargins(radio->style()->pixelMetric(QStyle::PM_ExclusiveIndicatorWidth) +
                                            radio->style()->pixelMetric(QStyle::PM_RadioButtonLabelSpacing),
                                        0, 0, 0);
        explanation->setForegroundRole(QPalette::PlaceholderText); // secondary text in any theme
        radio->setObjectName(QStringLiteral("mode-") + storageModeId(choice.mode));
        m_modes->addButton(radio, int(choice.mode));
        layout->addWidget(radio);
        layout->addWidget(explanation);
    }
    return group;
}

void SettingsDialog::load(const Settings &settings)
{
    if (QAbstractButton *radio = m_modes->button(int(settings.storageMode)))
        radio->setChecked(true);
    m_endpoint->setText(settings.endpoint);
    m_expiryDays->setValue(settings.expiryWarningDays);
    m_clipboardSeconds->setValue(settings.clipboardTimeoutSeconds);
    m_revalidateHours->setValue(settings.revalidateIntervalHours);
    m_openAtLogin->setChecked(settings.openAtLogin);
    validateEndpoint();
}

StorageMode SettingsDialog::selectedStorageMode() const
{
    return StorageMode(m_modes->checkedId());
}

QString SettingsDialog::normalizedEndpoint() const
{
    QString endpoint = m_endpoint->text().trimmed();
    while (endpoint.endsWith(QLatin1Char('/')))
        endpoint.chop(1);
    return endpoint;
}

void SettingsDialog::validateEndpoint()
{
    const QString endpoint = normalizedEndpoint();
    const Error error = endpoint.isEmpty() ? Error{} : HubClient::validateEndpoint(endpoint);
    // HF_ENDPOINT wins over the saved endpoint, as in huggingface_hub: say which one is in force, or a
    // user would believe the value typed here is what git and the checks use.
    const QString inForce = m_store->endpointFor(QString());
    const bool overridden =
        !m_store->options().environment.value(QStringLiteral("HF_ENDPOINT")).isEmpty() && endpoint != inForce;
    const bool fromEnvironment =
        !m_store->options().environment.value(QStringLiteral("HF_ENDPOINT")).isEmpty();
    if (error)
        m_endpointStatus->setMessage(StatusLine::Kind::Error, error.message);
    else if (overridden)
        m_endpointStatus->setMessage(
            StatusLine::Kind::Warning,
            tr("In force: %1, from the environment variable HF_ENDPOINT. The endpoint "
               "saved here is used only when HF_ENDPOINT is not set.")
                .arg(inForce));
    else if (fromEnvironment)
        m_endpointStatus->setMessage(StatusLine::Kind::Info,
                                     tr("HF_ENDPOINT=%1 is in force, the same as typed here.").arg(inForce));
    else if (endpoint.isEmpty())
        m_endpointStatus->setMessage(
            StatusLine::Kind::Info,
            tr("Empty: %1 is used (HF_ENDPOINT is not set).").arg(HubClient::defaultEndpoint()));
    else
        // Said for what is typed, not what is saved: the hint tells what OK will put in force.
        m_endpointStatus->setMessage(StatusLine::Kind::Info,
                                     tr("%1 is used (HF_ENDPOINT is not set).").arg(endpoint));
    m_okButton->setEnabled(!error && !m_moving);
}

void SettingsDialog::accept()
{
    if (!m_okButton->isEnabled() || m_moving)
        return; // Enter in a field must not bypass an invalid endpoint, nor start a second move
    m_saveStatus->clear();
    const StorageMode mode = selectedStorageMode();
    if (mode == m_store->settings().storageMode) {
        saveAndClose(mode);
        return;
    }
    // Moving secrets touches the keychain and may take a while: off this thread, with the dialog
    // painting and OK held back meanwhile; it stays open on failure.
    m_moving = true;
    m_okButton->setEnabled(false);
    m_saveStatus->setMessage(StatusLine::Kind::Busy,
                             tr("Moving the tokens to where they are now kept\u2026"));
    StoreEditJob *job = StoreEditor::of(m_store)->setStorageMode(mode);
    connect(job, &StoreEditJob::finished, this, [this, mode](StoreEditJob *done) {
        m_moving = false;
        validateEndpoint(); // OK follows the endpoint again
        if (done->error()) {
            m_saveStatus->setMessage(StatusLine::Kind::Error,
                                     tr("The storage mode was not changed: %1").arg(done->error().message));
            return;
        }
        m_saveStatus->clear();
        saveAndClose(mode);
    });
}

void SettingsDialog::reject()
{
    if (!m_moving) // the move finishes (or fails) first; its timeout bounds the wait
        QDialog::reject();
}

void SettingsDialog::saveAndClose(StorageMode mode)
{
    Settings settings = m_store->settings(); // keeps what this dialog does not edit (tray hints, …)
    settings.storageMode = mode;
    settings.endpoint = normalizedEndpoint();
    settings.expiryWarningDays = m_expiryDays->value();
    settings.clipboardTimeoutSeconds = m_clipboardSeconds->value();
    settings.revalidateIntervalHours = m_revalidateHours->value();
    // Saved like the rest; AutostartSync, which follows the store, writes or removes the entry.
    settings.openAtLogin = m_openAtLogin->isChecked();
    // The metadata file alone, no keychain: quick enough to write here.
    if (const Error error = m_store->saveSettings(settings)) {
        m_saveStatus->setMessage(StatusLine::Kind::Error,
                                 tr("Settings were not saved: %1").arg(error.message));
        return;
    }
    QDialog::accept();
}

} // namespace hftm
