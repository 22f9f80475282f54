//! A wrapper that gives the composer's editor a height of whole lines.
//!
//! The text editor follows the cursor by scrolling in pixels, so in an editor
//! whose text area is not a whole number of lines the top line ends up cut in
//! half. The software renderer draws that half line outside the text area
//! (over the editor's padding) without clipping it there, and repaints only
//! the text area when the text changes: in a small window the top of the
//! editor filled with overlapping lines as one typed. With a text area of
//! whole lines every scroll offset is a whole number of lines, so nothing is
//! drawn outside it.
//!
//! The wrapper has no state of its own: its widget tree is the editor's, so
//! wrapping the editor does not change the tree (nor take the editor's focus).

use iced::advanced::layout::{self, Layout};
use iced::advanced::widget::{tree, Operation, Tree, Widget};
use iced::advanced::{mouse, overlay, renderer, Clipboard, Shell};
use iced::{Element, Event, Length, Rectangle, Size, Vector};

pub struct Snap<'a, Message, Theme = iced::Theme, Renderer = iced::Renderer> {
    content: Element<'a, Message, Theme, Renderer>,
    /// The height of one line.
    line: f32,
    /// What is not text: the editor's padding, top and bottom.
    extra: f32,
}

/// `content` (the editor) laid out `extra` plus a whole number of `line`s high.
pub fn lines<'a, Message, Theme, Renderer>(
    content: impl Into<Element<'a, Message, Theme, Renderer>>,
    line: f32,
    extra: f32,
) -> Snap<'a, Message, Theme, Renderer> {
    Snap {
        content: content.into(),
        line,
        extra,
    }
}

/// The tallest height of `extra` plus whole lines within `max`.
pub fn snapped(max: f32, line: f32, extra: f32) -> f32 {
    if !max.is_finite() || line <= 0.0 {
        return max;
    }
    let text = (max - extra).max(0.0);
    // A little tolerance, so 4.9999 lines count as 5.
    ((text / line + 1e-3).floor() * line + extra).min(max)
}

impl<Message, Theme, Renderer> Widget<Message, Theme, Renderer>
    for Snap<'_, Message, Theme, Renderer>
where
    Renderer: iced::advanced::Renderer,
{
    fn size(&self) -> Size<Length> {
        self.content.as_widget().size()
    }

    fn size_hint(&self) -> Size<Length> {
        self.content.as_widget().size_hint()
    }

    fn tag(&self) -> tree::Tag {
        self.content.as_widget().tag()
    }

    fn state(&self) -> tree::State {
        self.content.as_widget().state()
    }

    fn children(&self) -> Vec<Tree> {
        self.content.as_widget().children()
    }

    fn diff(&self, tree: &mut Tree) {
        self.content.as_widget().diff(tree);
    }

    fn layout(
        &mut self,
        tree: &mut Tree,
        renderer: &Renderer,
        limits: &layout::Limits,
    ) -> layout::Node {
        // A column gives a filling child its whole share as the least
        // height too; the editor takes whole lines of it.
        let (min, max) = (limits.min(), limits.max());
        let height = snapped(max.height, self.line, self.extra);
        let limits = layout::Limits::new(
            Size::new(min.width, min.height.min(height)),
            Size::new(max.width, height),
        );
        self.content.as_widget_mut().layout(tree, renderer, &limits)
    }

    fn draw(
        &self,
        tree: &Tree,
        renderer: &mut Renderer,
        theme: &Theme,
        style: &renderer::Style,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
    ) {
        self.content
            .as_widget()
            .draw(tree, renderer, theme, style, layout, cursor, viewport);
    }

    fn operate(
        &mut self,
        tree: &mut Tree,
        layout: Layout<'_>,
        renderer: &Renderer,
        operation: &mut dyn Operation,
    ) {
        self.content
            .as_widget_mut()
            .operate(tree, layout, renderer, operation);
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        renderer: &Renderer,
        clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, Message>,
        viewport: &Rectangle,
    ) {
        self.content.as_widget_mut().update(
            tree, event, layout, cursor, renderer, clipboard, shell, viewport,
        );
    }

    fn mouse_interaction(
        &self,
        tree: &Tree,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        viewport: &Rectangle,
        renderer: &Renderer,
    ) -> mouse::Interaction {
        self.content
            .as_widget()
            .mouse_interaction(tree, layout, cursor, viewport, renderer)
    }

    fn overlay<'b>(
        &'b mut self,
        tree: &'b mut Tree,
        layout: Layout<'b>,
        renderer: &Renderer,
        viewport: &Rectangle,
        translation: Vector,
    ) -> Option<overlay::Element<'b, Message, Theme, Renderer>> {
        self.content
            .as_widget_mut()
            .overlay(tree, layout, renderer, viewport, translation)
    }
}

impl<'a, Message, Theme, Renderer> From<Snap<'a, Message, Theme, Renderer>>
    for Element<'a, Message, Theme, Renderer>
where
    Message: 'a,
    Theme: 'a,
    Renderer: iced::advanced::Renderer + 'a,
{
    fn from(snap: Snap<'a, Message, Theme, Renderer>) -> Self {
        Element::new(snap)
    }
}

#[cfg(test)]
mod tests {
    use super::snapped;

    #[test]
    fn heights_are_whole_lines_plus_padding() {
        assert_eq!(snapped(100.0, 20.0, 24.0), 84.0);
        assert_eq!(snapped(124.0, 20.0, 24.0), 124.0);
        assert_eq!(snapped(10.0, 20.0, 24.0), 10.0_f32.min(24.0));
        assert!(snapped(f32::INFINITY, 20.0, 24.0).is_infinite());
    }
}
