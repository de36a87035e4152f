// Copy the narrative paragraph: the Clipboard API where the page is secure, a selected textarea otherwise.
document.addEventListener("DOMContentLoaded", () => {
  const button = document.getElementById("copy-narrative");
  if (!button) return;
  button.addEventListener("click", async () => {
    const text = document.getElementById("narrative-text").value;
    const status = document.getElementById("copy-status");
    try {
      await navigator.clipboard.writeText(text);
    } catch (e) {
      const area = document.getElementById("narrative-text");
      area.classList.remove("visually-hidden");
      area.select();
      document.execCommand("copy");
      area.classList.add("visually-hidden");
    }
    status.textContent = button.dataset.copied;
  });
});
