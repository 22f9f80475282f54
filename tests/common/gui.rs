//! The window harness shared by the GUI test files: settings with the
//! bundled fonts, and `update`/`settle`, which run every task a message
//! starts to the end and feed its messages back in, as the iced runtime
//! would (disk work runs on the app's worker thread; widget operations and
//! the clipboard are skipped: the simulator has no window to apply them to).

use between::ui::{self, App, Message};

pub fn settings() -> iced::Settings {
    iced::Settings {
        fonts: vec![
            ui::theme::FONT_REGULAR.into(),
            ui::theme::FONT_SEMIBOLD.into(),
        ],
        default_font: ui::theme::BODY,
        ..iced::Settings::default()
    }
}

/// Sends `message` and runs every task it returns to the end.
pub fn update(app: &mut App, message: Message) {
    let task = app.update(message);
    settle(app, task);
}

pub fn settle(app: &mut App, task: iced::Task<Message>) {
    use futures::StreamExt;
    let Some(stream) = iced_runtime::task::into_stream(task) else {
        return;
    };
    for action in futures::executor::block_on(stream.collect::<Vec<_>>()) {
        if let iced_runtime::Action::Output(message) = action {
            update(app, message);
        }
    }
}
