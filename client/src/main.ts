import "./styles.css";
import { MayaApp } from "./app.js";

void new MayaApp().start();
